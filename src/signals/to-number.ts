import { failure, type ReadFailure } from "./source.js";

// Prometheus sends sample values as strings ("123.4", "1e+06"); so may any JSON API.
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** What a value is, for a failure's reason, without dumping it whole. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "missing";
  if (typeof value === "string") return value.length > 40 ? `the text "${value.slice(0, 39)}…"` : `the text "${value}"`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
  return "an object";
}

/** A finite number, or a numeric string, as a number; anything else is a failure saying what it was. */
export function toNumber(value: unknown): number | ReadFailure {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (value === null || value === undefined) return failure("empty", `the value is ${describeValue(value)}`);
  if (typeof value === "string" && NUMERIC.test(value.trim())) {
    const number = Number(value.trim());
    if (Number.isFinite(number)) return number;
  }
  return failure("not_a_number", `the value is ${describeValue(value)}, not a number`);
}
