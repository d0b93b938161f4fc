import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
const words = (command: string) => command.trim().split(/\s+/);
/** The flags given to node itself, before the entry point and its loaders. */
const nodeFlags = (argv: string[]) => argv.filter((word) => word.startsWith("--") && word !== "--import");

describe("the commands that start Senseloop", () => {
  it("are one command in the image and in npm run start:prod", () => {
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync("Dockerfile", "utf8"))?.[1];
    expect(cmd).toBeDefined();
    expect(JSON.parse(cmd!)).toEqual(words(scripts["start:prod"]!));
  });

  it("give node the same memory settings under npm start as in production", () => {
    expect(nodeFlags(words(scripts.start!))).toEqual(nodeFlags(words(scripts["start:prod"]!)));
    expect(nodeFlags(words(scripts["start:prod"]!))).toContain("--max-semi-space-size=8");
  });
});
