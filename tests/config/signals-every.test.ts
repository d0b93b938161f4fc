import { describe, expect, it } from "vitest";
import { parseRepoConfig } from "../../src/config/load.js";
import { ConfigInvalid } from "../../src/config/problems.js";
import { durationHours } from "../../src/config/schema.js";

function problems(raw: unknown) {
  try {
    parseRepoConfig(raw);
  } catch (err) {
    if (err instanceof ConfigInvalid) return err.problems;
    throw err;
  }
  throw new Error("the config was accepted");
}

describe("signals.every", () => {
  it("reads once a day by default", () => {
    expect(parseRepoConfig({}).signals).toEqual({ every: "1d" });
  });

  it.each([
    ["1h", 1],
    ["12h", 12],
    ["1d", 24],
    ["7d", 168],
    ["2w", 336],
    ["30d", 720],
    [" 3d ", 72],
  ])("accepts %s (%d hours)", (every, hours) => {
    expect(parseRepoConfig({ signals: { every } }).signals.every).toBe(every);
    expect(durationHours(every)).toBe(hours);
  });

  it.each([
    ["a unit it does not know", "90m", "must be a duration such as 12h, 1d or 2w"],
    ["no unit", "24", "must be a duration such as 12h, 1d or 2w"],
    ["zero", "0d", "must be a duration such as 12h, 1d or 2w"],
    ["a fraction", "1.5d", "must be a duration such as 12h, 1d or 2w"],
    ["more than 30 days", "31d", "must be between 1h and 30d"],
    ["more than 30 days in weeks", "5w", "must be between 1h and 30d"],
  ])("refuses %s", (_name, every, message) => {
    expect(problems({ signals: { every } })).toEqual([{ path: "signals.every", message }]);
  });

  it("refuses an unknown key under signals", () => {
    expect(problems({ signals: { sources: ["prod"] } })[0]!.path).toBe("signals");
  });
});
