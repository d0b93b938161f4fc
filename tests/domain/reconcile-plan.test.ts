import { describe, expect, it } from "vitest";
import { planReconcile, reconciledThrough, reconcileSince, type DeliveryAttempt } from "../../src/domain/reconcile-plan.js";

const NOW = new Date("2026-03-05T12:00:00.000Z");
const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000);
const attempt = (id: number, guid: string, minutesAgo: number, statusCode: number): DeliveryAttempt => ({ id, guid, deliveredAt: at(minutesAgo), statusCode, event: "issues", action: "opened", installationId: 42 });

describe("reconcileSince", () => {
  it.each([
    ["the first run reads GitHub's three days", null, "2026-03-02T12:00:00.000Z"],
    ["a later run reads back to the last point, less five minutes", new Date("2026-03-05T06:00:00.000Z"), "2026-03-05T05:55:00.000Z"],
    ["never past the three days GitHub keeps", new Date("2026-02-20T00:00:00.000Z"), "2026-03-02T12:00:00.000Z"],
  ])("%s", (_name, through, since) => {
    expect(reconcileSince(NOW, through).toISOString()).toBe(since);
  });
});

describe("planReconcile", () => {
  const plan = (attempts: DeliveryAttempt[], recorded: string[] = [], trustSuccess = true) => planReconcile({ attempts, recorded: new Set(recorded), since: at(600), trustSuccess });

  it.each<[string, DeliveryAttempt[], string[], boolean, string[]]>([
    ["a failed delivery without a record is missing", [attempt(1, "a", 60, 502)], [], true, ["a"]],
    ["one nobody answered is missing", [attempt(1, "a", 60, 0)], [], true, ["a"]],
    ["a recorded one is not, whatever GitHub logged", [attempt(1, "a", 60, 503)], ["a"], true, []],
    ["a 2xx without a record arrived", [attempt(1, "a", 60, 202)], [], true, []],
    ["…unless a proxy took it", [attempt(1, "a", 60, 200)], [], false, ["a"]],
    ["a failure a later redelivery made good is not missing", [attempt(1, "a", 60, 0), attempt(2, "a", 30, 202)], [], true, []],
    ["a success followed by a failed redelivery is judged by the latest", [attempt(1, "a", 60, 202), attempt(2, "a", 30, 0)], [], true, ["a"]],
    ["outside the window is not looked at", [attempt(1, "a", 601, 0)], [], true, []],
  ])("%s", (_name, attempts, recorded, trustSuccess, missing) => {
    expect(plan(attempts, recorded, trustSuccess).missing.map((m) => m.guid)).toEqual(missing);
  });

  it("lists the missing oldest first, each with its latest attempt to redeliver, and counts what is in the window", () => {
    const result = plan([attempt(9, "new", 10, 0), attempt(3, "old", 300, 0), attempt(5, "old", 200, 500), attempt(1, "gone", 700, 0)]);

    expect(result.listed).toBe(3);
    expect(result.missing.map((m) => [m.guid, m.deliveryId])).toEqual([
      ["old", 5],
      ["new", 9],
    ]);
  });
});

describe("reconciledThrough", () => {
  const startedAt = at(0);
  const previous = at(1440);
  const left = { guid: "a", deliveryId: 1, deliveredAt: at(90), event: "issues", action: null, installationId: 42 };

  it.each([
    ["a complete run moves the point to its start", true, [], startedAt],
    ["a run that left deliveries moves it to just before the oldest of them", true, [left], new Date(at(90).getTime() - 1000)],
    ["a run that could not read the whole window leaves it", false, [], previous],
  ])("%s", (_name, readWholeWindow, leftOver, expected) => {
    expect(reconciledThrough({ startedAt, previous, readWholeWindow, leftOver })).toEqual(expected);
  });
});
