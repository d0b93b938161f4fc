/**
 * `npm run start:prod`'s node arguments as package.json writes them, paths made absolute: the
 * compiled server started the way production starts it, from any directory. The flags live in
 * package.json (and the Dockerfile, which a test keeps the same) and nowhere else.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** @returns {string[]} */
export function startProdArgs() {
  const command = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts["start:prod"];
  return command
    .trim()
    .split(/\s+/)
    .slice(1)
    .map((arg) => (arg.startsWith("-") ? arg : resolve(ROOT, arg)));
}
