import type { ConfigProblem } from "../domain/config-problem.js";

const REFERENCE = /\$\$|\$\{([^}]*)\}/g;
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Replaces `${NAME}` in every string of a parsed YAML document with the environment
 * variable's value (`$$` is a literal `$`). Keys are left alone. Problems name the variable
 * and where it is used, never a value.
 */
export function interpolate(document: unknown, env: Environment): { value: unknown; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const walk = (node: unknown, path: string[]): unknown => {
    if (typeof node === "string") return replace(node, path, env, problems);
    if (Array.isArray(node)) return node.map((item, index) => walk(item, [...path, String(index)]));
    if (node !== null && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return node;
  };
  return { value: walk(document, []), problems };
}

function replace(text: string, path: string[], env: Environment, problems: ConfigProblem[]): string {
  const where = path.join(".") || "(root)";
  return text.replace(REFERENCE, (match, name: string | undefined) => {
    if (match === "$$") return "$";
    if (name === undefined || !VARIABLE.test(name)) {
      problems.push({ path: where, message: `\${${(name ?? "").slice(0, 40)}} is not a variable reference; names are letters, digits and _ (write $$ for a literal $)` });
      return "";
    }
    const value = env[name];
    if (value === undefined) {
      problems.push({ path: where, message: `\${${name}} is not set in the environment` });
      return "";
    }
    if (value.trim() === "") {
      problems.push({ path: where, message: `\${${name}} is set but empty` });
      return "";
    }
    return value;
  });
}
