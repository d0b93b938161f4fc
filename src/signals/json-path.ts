/** One step of a JSONPath: an object key, or an array index (negative counts from the end). */
export type PathStep = { key: string } | { index: number };

export const MAX_PATH_LENGTH = 200;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*/;

/**
 * The JSONPath subset `pick` supports: `$`, `.name`, `['name']` or `["name"]` (for keys
 * with dashes or spaces), `[0]` and `[-1]`. Wildcards, filters and recursive descent would let
 * one path mean several numbers, so they are refused.
 */
export function parseJsonPath(path: string): PathStep[] | { problem: string } {
  if (path.length > MAX_PATH_LENGTH) return { problem: `must be at most ${MAX_PATH_LENGTH} characters` };
  if (!path.startsWith("$")) return { problem: "must start with $, for example $.data.latest" };
  const steps: PathStep[] = [];
  let i = 1;
  while (i < path.length) {
    const rest = path.slice(i);
    if (rest.startsWith("..") || rest.startsWith(".*") || rest.startsWith("[*") || rest.startsWith("[?")) {
      return { problem: `wildcards, filters and .. are not supported (at position ${i + 1}); the path must lead to one number` };
    }
    if (rest.startsWith(".")) {
      const name = IDENTIFIER.exec(rest.slice(1));
      if (!name) return { problem: `expected a key name after the dot at position ${i + 1}; write keys with other characters as ['a-b']` };
      steps.push({ key: name[0] });
      i += 1 + name[0].length;
      continue;
    }
    const index = /^\[(-?\d{1,9})\]/.exec(rest);
    if (index) {
      steps.push({ index: Number(index[1]) });
      i += index[0].length;
      continue;
    }
    const quoted = /^\[(['"])((?:\\.|(?!\1)[^\\])*)\1\]/.exec(rest);
    if (quoted) {
      steps.push({ key: quoted[2]!.replace(/\\(.)/g, "$1") });
      i += quoted[0].length;
      continue;
    }
    return { problem: `unexpected ${JSON.stringify(rest[0])} at position ${i + 1}` };
  }
  return steps;
}

export function formatJsonPath(steps: readonly PathStep[]): string {
  return `$${steps.map((step) => ("index" in step ? `[${step.index}]` : IDENTIFIER.exec(step.key)?.[0] === step.key ? `.${step.key}` : `['${step.key.replace(/['\\]/g, "\\$&")}']`)).join("")}`;
}

export type PickResult = { found: true; value: unknown } | { found: false; reason: string };

/** Follows the path through own properties only, so `__proto__` or `constructor` never reach the prototype. */
export function pick(document: unknown, steps: readonly PathStep[]): PickResult {
  let current = document;
  for (let n = 0; n < steps.length; n++) {
    const step = steps[n]!;
    const here = formatJsonPath(steps.slice(0, n));
    if ("index" in step) {
      if (!Array.isArray(current)) return { found: false, reason: `${here} is not a list` };
      const position = step.index < 0 ? current.length + step.index : step.index;
      if (position < 0 || position >= current.length) return { found: false, reason: `${here} has ${current.length} item${current.length === 1 ? "" : "s"}, so there is no [${step.index}]` };
      current = current[position];
    } else {
      if (current === null || typeof current !== "object" || Array.isArray(current)) return { found: false, reason: `${here} is not an object` };
      if (!Object.hasOwn(current, step.key)) return { found: false, reason: `${here} has no key ${JSON.stringify(step.key)}` };
      current = (current as Record<string, unknown>)[step.key];
    }
  }
  return { found: true, value: current };
}
