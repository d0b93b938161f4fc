import { describe, expect, it } from "vitest";
import {
  hasDashboardMarker,
  parseCommentMarker,
  parseSenseMarker,
  renderCommentMarker,
  renderDashboardMarker,
  renderSenseMarker,
  type SenseMarker,
} from "../../src/domain/markers.js";

describe("sense marker", () => {
  it.each<[string, SenseMarker]>([
    ["a same-repository hypothesis in production", { hypothesis: "acme/shop#12", environment: "production" }],
    ["a central hypothesis in a dotted environment", { hypothesis: "acme/product.hypotheses#4021", environment: "eu-west.prod" }],
    ["an environment with a slash", { hypothesis: "acme/shop#1", environment: "review/pr-7" }],
  ])("round-trips %s", (_name, marker) => {
    const body = `A note about what shipped.\n\n${renderSenseMarker(marker)}`;

    expect(parseSenseMarker(body)).toEqual(marker);
  });

  it.each<[string, SenseMarker, string, SenseMarker]>([
    [
      "replaces whitespace in the environment with underscores",
      { hypothesis: "acme/shop#12", environment: "EU production" },
      "<!-- senseloop:sense hypothesis=acme/shop#12 env=EU_production -->",
      { hypothesis: "acme/shop#12", environment: "EU_production" },
    ],
    [
      "drops a comment terminator from the environment",
      { hypothesis: "acme/shop#12", environment: "prod-->x" },
      "<!-- senseloop:sense hypothesis=acme/shop#12 env=prod-x -->",
      { hypothesis: "acme/shop#12", environment: "prod-x" },
    ],
    [
      "cannot be tricked into a terminator by dashes and brackets that survive one pass",
      { hypothesis: "acme/shop#12", environment: "a---->>b" },
      "<!-- senseloop:sense hypothesis=acme/shop#12 env=a-b -->",
      { hypothesis: "acme/shop#12", environment: "a-b" },
    ],
  ])("%s", (_name, marker, rendered, parsed) => {
    expect(renderSenseMarker(marker)).toBe(rendered);
    expect(parseSenseMarker(rendered)).toEqual(parsed);
  });

  it.each<[string, string | null | undefined]>([
    ["null", null],
    ["undefined", undefined],
    ["an empty body", ""],
    ["a hypothesis without an issue number", "<!-- senseloop:sense hypothesis=acme/shop env=production -->"],
    ["a missing environment", "<!-- senseloop:sense hypothesis=acme/shop#12 -->"],
    ["another tool's marker", "<!-- otherbot:sense hypothesis=acme/shop#12 env=production -->"],
    ["the words without the comment", "senseloop:sense hypothesis=acme/shop#12 env=production"],
    ["a comment that never closes", "<!-- senseloop:sense hypothesis=acme/shop#12 env=production"],
  ])("finds no marker in %s", (_name, body) => {
    expect(parseSenseMarker(body)).toBeUndefined();
  });
});

describe("comment marker", () => {
  it.each([
    ["a reminder key", "reminder:17:2025-03-15T09:00:00.000Z"],
    ["an escalation key", "escalation:17:2025-03-15T09:00:00.000Z"],
    ["a short key", "ack:1"],
  ])("round-trips %s", (_name, key) => {
    const body = `@alice — the answer is due.\n\n${renderCommentMarker(key)}`;

    expect(parseCommentMarker(body)).toBe(key);
  });

  it("replaces whitespace in a key so it still parses as one word", () => {
    expect(parseCommentMarker(renderCommentMarker("reply to 42"))).toBe("reply_to_42");
  });

  it.each<[string, string | null | undefined]>([
    ["null", null],
    ["an empty body", ""],
    ["an empty key", "<!-- senseloop:comment key= -->"],
    ["another marker kind", "<!-- senseloop:sense hypothesis=acme/shop#12 env=production -->"],
    ["the words without the comment", "senseloop:comment key=reminder:1"],
    ["a key that does not end the comment", "<!-- senseloop:comment key=reminder:1"],
  ])("finds no key in %s", (_name, body) => {
    expect(parseCommentMarker(body)).toBeUndefined();
  });
});

describe("dashboard marker", () => {
  it("is found in the body it ends", () => {
    expect(hasDashboardMarker(`## Overdue (0)\n\nNothing is overdue.\n\n${renderDashboardMarker()}`)).toBe(true);
  });

  it.each<[string, string | null | undefined]>([
    ["null", null],
    ["undefined", undefined],
    ["a body without it", "## Overdue (0)"],
    ["the words without the comment", "senseloop:dashboard"],
    ["a comment with different spacing", "<!--senseloop:dashboard-->"],
    ["a sense marker", "<!-- senseloop:sense hypothesis=acme/shop#12 env=production -->"],
  ])("is not found in %s", (_name, body) => {
    expect(hasDashboardMarker(body)).toBe(false);
  });
});
