import { describe, expect, it } from "vitest";
import { MAX_QUERY_LENGTH, checkSignalQuery, parseSignalQueryLine, type SourceAccess } from "../../src/domain/signal-query.js";

const source = (name: string, owners?: string[]): SourceAccess => ({ name, allows: (owner) => !owners || owners.some((o) => o.toLowerCase() === owner.toLowerCase()) });

const SOURCES = [source("prod", ["acme"]), source("product"), source("growth", ["acme"]), source("partner", ["globex"])];

describe("parseSignalQueryLine", () => {
  it.each([
    ["a PromQL query", "prod: sum(increase(orders_reordered_total[7d]))", { source: "prod", query: "sum(increase(orders_reordered_total[7d]))" }],
    ["colons inside the query", "prod: rate(http_requests_total{job=\"api:v2\"}[5m])", { source: "prod", query: "rate(http_requests_total{job=\"api:v2\"}[5m])" }],
    ["no space after the colon", "product:select count() from events", { source: "product", query: "select count() from events" }],
    ["spaces around the name", "  prod  :  up  ", { source: "prod", query: "up" }],
    ["a name in capitals, read in lower case", "PROD: up", { source: "prod", query: "up" }],
    ["the line in backticks", "`prod: sum(up)`", { source: "prod", query: "sum(up)" }],
    ["the line in a code fence", "```\nproduct: select count()\nfrom events\n```", { source: "product", query: "select count()\nfrom events" }],
    ["a query over several lines", "product: select count()\r\nfrom events", { source: "product", query: "select count()\nfrom events" }],
    ["dashes and underscores in the name", "eu_prod-2: up", { source: "eu_prod-2", query: "up" }],
  ])("reads %s", (_name, line, expected) => {
    expect(parseSignalQueryLine(line)).toEqual(expected);
  });

  it.each([
    ["no colon", "sum(up)", "write the signal query as `source: query`, for example `prod: sum(increase(orders_total[7d]))`"],
    ["nothing before the colon", ": sum(up)", "write the signal query as `source: query`, for example `prod: sum(increase(orders_total[7d]))`"],
    ["a name with spaces", "my source: up", "write the signal query as `source: query`, for example `prod: sum(increase(orders_total[7d]))`"],
    ["an empty query", "prod:", "the signal query for `prod` is empty; write the query after the colon"],
    ["only spaces after the colon", "prod:    ", "the signal query for `prod` is empty; write the query after the colon"],
    ["a link", "https://grafana.example.com/d/abc", "the signal query is a link; links belong in *Signal*. Write `source: query`, for example `prod: sum(increase(orders_total[7d]))`"],
  ])("names the problem with %s", (_name, line, problem) => {
    expect(parseSignalQueryLine(line)).toEqual({ problem });
  });

  it("refuses a query longer than the limit, saying how long it is", () => {
    expect(parseSignalQueryLine(`prod: ${"x".repeat(MAX_QUERY_LENGTH + 1)}`)).toEqual({ problem: "the signal query is 1,001 characters long; keep it under 1,000" });
  });

  it("accepts a query of exactly the limit", () => {
    expect(parseSignalQueryLine(`prod: ${"x".repeat(MAX_QUERY_LENGTH)}`)).toEqual({ source: "prod", query: "x".repeat(MAX_QUERY_LENGTH) });
  });
});

describe("checkSignalQuery", () => {
  it.each([
    ["no signal query", null],
    ["an empty answer", ""],
    ["only whitespace", "  \n "],
  ])("gives null for %s", (_name, line) => {
    expect(checkSignalQuery(line, SOURCES, "acme")).toBeNull();
  });

  it("accepts a source the installation is listed on", () => {
    expect(checkSignalQuery("prod: sum(up)", SOURCES, "acme")).toEqual({ source: "prod", query: "sum(up)" });
  });

  it("accepts a source without an owners list for any installation", () => {
    expect(checkSignalQuery("product: select 1", SOURCES, "initech")).toEqual({ source: "product", query: "select 1" });
  });

  it("compares the installation's login without regard to case", () => {
    expect(checkSignalQuery("prod: up", SOURCES, "ACME")).toEqual({ source: "prod", query: "up" });
  });

  it("names an unknown source and lists the ones this installation may use", () => {
    expect(checkSignalQuery("prd: up", SOURCES, "acme")).toEqual({ problem: "unknown source `prd` (known: `prod`, `product`, `growth`)" });
  });

  it("never lists another installation's sources among the known ones", () => {
    expect(checkSignalQuery("prd: up", SOURCES, "initech")).toEqual({ problem: "unknown source `prd` (known: `product`)" });
  });

  it("says so when no source is set up for the installation", () => {
    expect(checkSignalQuery("prod: up", [], "acme")).toEqual({ problem: "unknown source `prod` (no sources are set up for this installation)" });
  });

  it("names a source this installation may not use", () => {
    expect(checkSignalQuery("partner: up", SOURCES, "acme")).toEqual({ problem: "the source `partner` is not available to acme; ask whoever runs Senseloop to add acme to its owners" });
  });

  it("names an empty query before looking the source up", () => {
    expect(checkSignalQuery("nowhere:", SOURCES, "acme")).toEqual({ problem: "the signal query for `nowhere` is empty; write the query after the colon" });
  });
});
