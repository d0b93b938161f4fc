import { describe, expect, it } from "vitest";
import { formatJsonPath, parseJsonPath, pick, type PathStep } from "../../src/signals/json-path.js";
import { toNumber } from "../../src/signals/to-number.js";

describe("parseJsonPath", () => {
  it.each<[string, PathStep[]]>([
    ["$", []],
    ["$.data.latest", [{ key: "data" }, { key: "latest" }]],
    ["$.a[0]", [{ key: "a" }, { index: 0 }]],
    ["$.a[-1]", [{ key: "a" }, { index: -1 }]],
    ["$['a-b']", [{ key: "a-b" }]],
    ['$["a b"].c', [{ key: "a b" }, { key: "c" }]],
    ["$['it\\'s']", [{ key: "it's" }]],
    ["$[0][1]", [{ index: 0 }, { index: 1 }]],
    ["$.$meta._v2", [{ key: "$meta" }, { key: "_v2" }]],
  ])("reads %s", (path, steps) => {
    expect(parseJsonPath(path)).toEqual(steps);
  });

  it.each([
    ["data.latest", "must start with $, for example $.data.latest"],
    ["$.a-b", 'unexpected "-" at position 4'],
    ["$.", "expected a key name after the dot at position 2; write keys with other characters as ['a-b']"],
    ["$..latest", "wildcards, filters and .. are not supported (at position 2); the path must lead to one number"],
    ["$.data.*", "wildcards, filters and .. are not supported (at position 7); the path must lead to one number"],
    ["$.data[*]", "wildcards, filters and .. are not supported (at position 7); the path must lead to one number"],
    ["$.data[?(@.v > 1)]", "wildcards, filters and .. are not supported (at position 7); the path must lead to one number"],
    ["$['open", 'unexpected "[" at position 2'],
    ["$[1.5]", 'unexpected "[" at position 2'],
    [`$${".a".repeat(101)}`, "must be at most 200 characters"],
  ])("names the problem in %s", (path, problem) => {
    expect(parseJsonPath(path)).toEqual({ problem });
  });

  it.each(["$", "$.data.latest", "$.a[-1]", "$['a-b'][0]", "$['it\\'s']"])("writes %s back as it reads it", (path) => {
    const steps = parseJsonPath(path) as PathStep[];

    expect(formatJsonPath(steps)).toBe(path);
  });
});

describe("pick", () => {
  const doc = { data: { latest: 7, points: [1, 2, 3], "a-b": { v: 5 } } };

  it.each<[string, unknown]>([
    ["$.data.latest", 7],
    ["$.data.points[0]", 1],
    ["$.data.points[-1]", 3],
    ["$.data['a-b'].v", 5],
    ["$", doc],
  ])("finds %s", (path, value) => {
    expect(pick(doc, parseJsonPath(path) as PathStep[])).toEqual({ found: true, value });
  });

  it.each([
    ["$.data.missing", '$.data has no key "missing"'],
    ["$.data.points[3]", "$.data.points has 3 items, so there is no [3]"],
    ["$.data.points[-4]", "$.data.points has 3 items, so there is no [-4]"],
    ["$.data.latest.x", "$.data.latest is not an object"],
    ["$.data[0]", "$.data is not a list"],
    ["$.data.points.length", "$.data.points is not an object"],
    ["$.__proto__", '$ has no key "__proto__"'],
    ["$.data.toString", '$.data has no key "toString"'],
  ])("says where %s stops", (path, reason) => {
    expect(pick(doc, parseJsonPath(path) as PathStep[])).toEqual({ found: false, reason });
  });
});

describe("toNumber", () => {
  it.each<[unknown, number]>([
    [42, 42],
    [-0.5, -0.5],
    ["123.4", 123.4],
    [" 7 ", 7],
    ["1e+06", 1_000_000],
    [".5", 0.5],
    ["-3", -3],
  ])("reads %j as %d", (value, number) => {
    expect(toNumber(value)).toBe(number);
  });

  it.each<[unknown, string, string]>([
    [null, "empty", "the value is null"],
    [undefined, "empty", "the value is missing"],
    ["NaN", "not_a_number", 'the value is the text "NaN", not a number'],
    ["+Inf", "not_a_number", 'the value is the text "+Inf", not a number'],
    ["12 orders", "not_a_number", 'the value is the text "12 orders", not a number'],
    ["0x10", "not_a_number", 'the value is the text "0x10", not a number'],
    ["", "not_a_number", 'the value is the text "", not a number'],
    [true, "not_a_number", "the value is true, not a number"],
    [{ v: 1 }, "not_a_number", "the value is an object, not a number"],
    [[1], "not_a_number", "the value is a list of 1 item, not a number"],
    ["x".repeat(60), "not_a_number", `the value is the text "${"x".repeat(39)}…", not a number`],
    ["1e999", "not_a_number", 'the value is the text "1e999", not a number'],
  ])("refuses %j", (value, kind, reason) => {
    expect(toNumber(value)).toEqual({ failure: kind, reason, transient: false });
  });
});
