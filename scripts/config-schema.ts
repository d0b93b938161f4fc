/**
 * Writes the JSON Schema of `.github/senseloop.yml`, generated from the zod schema, so editors
 * can validate the file. `--check` fails when the committed schema is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { RepoConfig } from "../src/config/schema.js";

const target = fileURLToPath(new URL("../schema/senseloop-config.schema.json", import.meta.url));

export function renderConfigSchema(): string {
  const schema = z.toJSONSchema(RepoConfig, { io: "input", target: "draft-2020-12", unrepresentable: "any" });
  const document = {
    $id: "https://senseloop.dev/schema/senseloop-config.schema.json",
    title: "Senseloop repository configuration (.github/senseloop.yml)",
    ...schema,
    properties: { _extends: { type: "string", description: "Another repository's config to start from: `repo` or `owner/repo` (Probot's `_extends`)." }, ...(schema.properties ?? {}) },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rendered = renderConfigSchema();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(target, "utf8");
    } catch {
      // missing counts as stale
    }
    if (current !== rendered) {
      console.error("schema/senseloop-config.schema.json is stale: run `npm run schema` and commit the result.");
      process.exit(1);
    }
    console.log("config JSON Schema is up to date");
  } else {
    writeFileSync(target, rendered);
    console.log(`wrote ${target.replace(process.cwd() + "/", "")}`);
  }
}
