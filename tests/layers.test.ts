import { fileURLToPath } from "node:url";
import { cruise, type IViolation } from "dependency-cruiser";
import { describe, expect, it } from "vitest";
import config from "../.dependency-cruiser.mjs";

const fixture = fileURLToPath(new URL("./fixtures/layers", import.meta.url));

async function violations(dir: string): Promise<string[]> {
  const result = await cruise(["src"], { baseDir: dir, validate: true, ruleSet: config as never, tsPreCompilationDeps: true, outputType: "json" });
  const output = typeof result.output === "string" ? JSON.parse(result.output) : result.output;
  return (output.summary.violations as IViolation[]).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe("the layer rule", () => {
  it("bites on a domain file importing the database and a service importing the queue", async () => {
    expect(await violations(fixture)).toEqual(["layer-domain: src/domain/decides.ts → src/db/queries/things.ts", "layer-services: src/services/orchestrates.ts → src/jobs/queue.ts"]);
  });

  it("finds nothing wrong in Senseloop's own sources", async () => {
    expect(await violations(fileURLToPath(new URL("..", import.meta.url)))).toEqual([]);
  });
});
