import { z } from "zod";
import { parseJsonPath } from "./json-path.js";

// Messages here never repeat the value they judge: by the time the schema runs, `${VAR}`
// references have been replaced by their values, and those may be secrets.

export const SOURCE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

function parsedUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** An http(s) URL without credentials; `bare` also refuses a query string or fragment (we add our own path and parameters). */
const httpUrl = (bare: boolean) =>
  z.string().superRefine((text, ctx) => {
    const url = parsedUrl(text);
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) return void ctx.addIssue({ code: "custom", message: "must be an http(s) URL" });
    if (url.username || url.password) ctx.addIssue({ code: "custom", message: "must not carry a user name or password; send credentials in headers" });
    if (bare && (url.search || url.hash || text.includes("?") || text.includes("#"))) ctx.addIssue({ code: "custom", message: "must be the server's address only, without ? or #" });
  });

/** A JSON source's URL template: `{query}` must appear, and only after the host, so a query can never choose the server. */
const urlTemplate = z.string().superRefine((text, ctx) => {
  const url = parsedUrl(text.replaceAll("{query}", "q").replaceAll("{at}", "0"));
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) return void ctx.addIssue({ code: "custom", message: "must be an http(s) URL template such as https://metrics.example.com/api/series?name={query}" });
  if (url.username || url.password) ctx.addIssue({ code: "custom", message: "must not carry a user name or password; send credentials in headers" });
  if (!text.includes("{query}")) return void ctx.addIssue({ code: "custom", message: "must contain {query}, where the URL-encoded query goes" });
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(text)?.[0] ?? "";
  if (authority.includes("{query}") || authority.includes("{at}")) ctx.addIssue({ code: "custom", message: "{query} and {at} may only appear in the path or the query string, never in the host" });
});

const headers = z
  .record(z.string().regex(HEADER_NAME, "header names are letters, digits and -"), z.string().refine((value) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value), "header values must be one line of printable characters"))
  .refine((record) => Object.keys(record).length <= 20, "at most 20 headers")
  .default({})
  .describe("HTTP headers sent with every read, e.g. Authorization: \"Bearer ${TOKEN}\".");

const owners = z
  .array(z.string().regex(LOGIN, "must be a GitHub account login (user or organisation)"))
  .min(1, "list at least one login, or leave owners out to allow every installation")
  .max(500)
  .optional()
  .describe("Installations (their account logins) that may read this source. Left out: all.");

const limits = z
  .strictObject({
    concurrency: z.int({ error: "must be a whole number" }).min(1, "must be at least 1").max(20, "must be at most 20").optional().describe("Reads in flight at once (default 2)."),
    perHour: z.int({ error: "must be a whole number" }).min(1, "must be at least 1").max(1_000_000, "must be at most 1,000,000").optional().describe("Reads per hour (default: PostHog 120, others unlimited)."),
  })
  .optional()
  .describe("How hard Senseloop may push this source.");

const common = { owners, limits };

export const PrometheusSourceConfig = z.strictObject({
  kind: z.literal("prometheus"),
  url: httpUrl(true).describe("The server's root; Senseloop calls {url}/api/v1/query."),
  headers,
  ...common,
});

export const PostHogSourceConfig = z.strictObject({
  kind: z.literal("posthog"),
  host: httpUrl(true).describe("e.g. https://eu.posthog.com or https://us.posthog.com."),
  project: z.union([z.int().positive(), z.string().regex(/^\d{1,12}$/, "must be the numeric project id")], { error: "must be the numeric project id" }).transform(String),
  apiKey: z.string().min(1, "must not be empty").describe("A personal API key with query:read, by reference: ${POSTHOG_API_KEY}."),
  ...common,
});

export const JsonSourceConfig = z.strictObject({
  kind: z.literal("json"),
  url: urlTemplate.describe("URL template; {query} is replaced by the URL-encoded query, {at} by the reading's Unix time."),
  pick: z.string().superRefine((path, ctx) => {
    const parsed = parseJsonPath(path);
    if ("problem" in parsed) ctx.addIssue({ code: "custom", message: parsed.problem });
  }),
  headers,
  ...common,
});

export const SOURCE_KINDS = ["prometheus", "posthog", "json"] as const;

export const SourceConfig = z.discriminatedUnion("kind", [PrometheusSourceConfig, PostHogSourceConfig, JsonSourceConfig]);
export type SourceConfig = z.infer<typeof SourceConfig>;

export const SignalsFile = z.strictObject({
  sources: z
    .record(z.string().regex(SOURCE_NAME, "source names are lower-case letters, digits, - and _ (at most 64)"), SourceConfig)
    .default({})
    .describe("The sources hypotheses may name in their Signal query, by name."),
});
export type SignalsFile = z.infer<typeof SignalsFile>;
