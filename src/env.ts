import { readFileSync } from "node:fs";
import { z } from "zod";

const LogLevel = z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]);

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value));

const RawEnv = z.object({
  APP_ID: optionalText.pipe(z.string().regex(/^\d+$/, "must be the numeric App ID").optional()),
  APP_SLUG: optionalText,
  PRIVATE_KEY: optionalText,
  PRIVATE_KEY_PATH: optionalText,
  WEBHOOK_SECRET: optionalText,
  WEBHOOK_PATH: optionalText.pipe(z.string().startsWith("/", "must start with /").optional()),
  PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, "must be a port number")
      .transform(Number)
      .refine((port) => port <= 65535, "must be at most 65535")
      .optional(),
  ),
  HOST: optionalText,
  LOG_LEVEL: optionalText.pipe(LogLevel.optional()),
  GHE_HOST: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9.-]+(:\d+)?$/i, "must be a host name with an optional port, without a scheme")
      .optional(),
  ),
  GHE_PROTOCOL: optionalText.pipe(z.enum(["https", "http"]).optional()),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection URL")
      .optional(),
  ),
  SENSELOOP_DATA_DIR: optionalText,
  SENSELOOP_ROLE: optionalText.pipe(z.enum(["all", "web", "worker"]).optional()),
  SWEEP_CRON: optionalText,
  RECONCILE_CRON: optionalText,
  SWEEP_TOKEN: optionalText.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  SENSELOOP_SIGNALS: optionalText,
  SENSELOOP_DEMO_CLOCK: optionalText.pipe(z.enum(["on"], { error: "must be on, or unset (it is for npm run demo only)" }).optional()),
  PUBLIC_URL: optionalText.pipe(
    z
      .string()
      .refine((value) => isUrl(value, ["http:", "https:"]) && !/[?#]/.test(value), "must be an http:// or https:// URL without a query, such as https://senseloop.example.com")
      .transform((value) => value.replace(/\/+$/, ""))
      .optional(),
  ),
  WEBHOOK_PROXY_URL: optionalText.pipe(z.string().refine((value) => isUrl(value, ["https:"]), "must be an https:// URL, such as https://smee.io/abc123").optional()),
  GITHUB_CLIENT_ID: optionalText,
  GITHUB_CLIENT_SECRET: optionalText,
  SESSION_SECRET: optionalText.pipe(
    z
      .string()
      .refine((value) => Buffer.byteLength(value) >= 32, "must be at least 32 bytes (for example 32 random bytes, base64url-encoded: 43 characters)")
      .optional(),
  ),
});

function isUrl(value: string, protocols: string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== "";
  } catch {
    return false;
  }
}

export interface GitHubCredentials {
  appId: number;
  privateKey: string;
  webhookSecret: string;
}

export interface Env {
  /** Set when APP_ID, a private key and WEBHOOK_SECRET are all present; otherwise setup mode. */
  github: GitHubCredentials | undefined;
  /** What setup mode is waiting for, for the status page. Empty when `github` is set. */
  missing: string[];
  appSlug: string | undefined;
  webhookPath: string;
  port: number;
  host: string | undefined;
  logLevel: z.infer<typeof LogLevel>;
  /** GitHub's REST API root: github.com, or GitHub Enterprise Server's /api/v3. */
  githubApiUrl: string;
  /** The web host, used to recognise issue URLs in references. */
  githubWebHost: string;
  /** GitHub's web root (github.com or the Enterprise Server), where apps are registered. */
  githubWebUrl: string;
  /** Where GitHub and browsers reach this server, without a trailing slash. */
  publicUrl: string | undefined;
  /** A webhook proxy channel (smee.io) that relays GitHub's deliveries to this server. */
  webhookProxyUrl: string | undefined;
  /** The app's OAuth client, for signing people in. */
  githubClientId: string | undefined;
  githubClientSecret: string | undefined;
  /** Signs session cookies and seals stored GitHub tokens; at least 32 bytes. */
  sessionSecret: string | undefined;
  /** What signing in to the web dashboard still needs; empty when it is configured. */
  signInMissing: string[];
  databaseUrl: string | undefined;
  dataDir: string;
  role: "all" | "web" | "worker";
  sweepCron: string;
  /** When missed deliveries are looked for and asked for again (daily by default). */
  reconcileCron: string;
  sweepToken: string | undefined;
  /** When set, GET /metrics asks for it as a bearer token; unset, /metrics is open. */
  metricsToken: string | undefined;
  /** SENSELOOP_SIGNALS: the signal sources file; unset means `signals.yml` in the working directory, when it exists. */
  signalsFile: string | undefined;
  /** SENSELOOP_DEMO_CLOCK=on: the parent process (npm run demo) may move the clock forward over IPC. */
  demoClock: boolean;
}

export type EnvResult = { ok: true; env: Env } | { ok: false; problems: string[] };

const CRON_FIELD = /^[\d*/,-]+$/;

const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const NOT_PEM = "is not a PEM private key (expected -----BEGIN RSA PRIVATE KEY-----)";

/** Parses the process environment once; each bad value gets its own message, all at once. */
export function parseEnv(source: NodeJS.ProcessEnv, readFile = readPrivateKeyFile): EnvResult {
  const parsed = RawEnv.safeParse(source);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  // The checks below read the variables themselves, so they still run when the schema failed.
  const text = (name: string) => (source[name]?.trim() ? source[name] : undefined);

  const privateKey = readPrivateKey(text("PRIVATE_KEY"), text("PRIVATE_KEY_PATH"), readFile, problems);

  const cron = (name: string, fallback: string) => {
    const value = text(name) ?? fallback;
    const fields = value.trim().split(/\s+/);
    if (fields.length !== 5 || !fields.every((field) => CRON_FIELD.test(field))) problems.push(`${name}: "${value}" is not a five-field cron expression such as "${fallback}"`);
    return value;
  };
  const sweepCron = cron("SWEEP_CRON", "*/15 * * * *");
  const reconcileCron = cron("RECONCILE_CRON", "23 4 * * *");
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const raw = parsed.data;

  // Half a sign-in setup is a mistake worth stopping for; none at all just leaves the dashboard off.
  const signInMissing = [raw.GITHUB_CLIENT_ID ? undefined : "GITHUB_CLIENT_ID", raw.GITHUB_CLIENT_SECRET ? undefined : "GITHUB_CLIENT_SECRET", raw.SESSION_SECRET ? undefined : "SESSION_SECRET"].filter((name): name is string => name !== undefined);
  if (raw.GITHUB_CLIENT_ID || raw.GITHUB_CLIENT_SECRET) {
    for (const name of signInMissing) problems.push(`${name}: required to sign people in to the dashboard when ${raw.GITHUB_CLIENT_ID ? "GITHUB_CLIENT_ID" : "GITHUB_CLIENT_SECRET"} is set${name === "SESSION_SECRET" ? " (32 random bytes, base64url-encoded, for example)" : ""}`);
    if (problems.length > 0) return { ok: false, problems };
  }

  const missing: string[] = [];
  if (!raw.APP_ID) missing.push("APP_ID");
  if (!privateKey) missing.push("PRIVATE_KEY or PRIVATE_KEY_PATH");
  if (!raw.WEBHOOK_SECRET) missing.push("WEBHOOK_SECRET");

  const protocol = raw.GHE_PROTOCOL ?? "https";
  return {
    ok: true,
    env: {
      github:
        missing.length === 0
          ? { appId: Number(raw.APP_ID), privateKey: privateKey!, webhookSecret: raw.WEBHOOK_SECRET! }
          : undefined,
      missing,
      appSlug: raw.APP_SLUG,
      webhookPath: raw.WEBHOOK_PATH ?? "/api/github/webhooks",
      port: raw.PORT ?? 3000,
      host: raw.HOST,
      logLevel: raw.LOG_LEVEL ?? "info",
      githubApiUrl: raw.GHE_HOST ? `${protocol}://${raw.GHE_HOST}/api/v3` : "https://api.github.com",
      githubWebHost: raw.GHE_HOST ?? "github.com",
      githubWebUrl: raw.GHE_HOST ? `${protocol}://${raw.GHE_HOST}` : "https://github.com",
      publicUrl: raw.PUBLIC_URL,
      webhookProxyUrl: raw.WEBHOOK_PROXY_URL,
      githubClientId: raw.GITHUB_CLIENT_ID,
      githubClientSecret: raw.GITHUB_CLIENT_SECRET,
      sessionSecret: raw.SESSION_SECRET,
      signInMissing,
      databaseUrl: raw.DATABASE_URL,
      dataDir: raw.SENSELOOP_DATA_DIR ?? ".data",
      role: raw.SENSELOOP_ROLE ?? "all",
      sweepCron,
      reconcileCron,
      sweepToken: raw.SWEEP_TOKEN,
      metricsToken: raw.METRICS_TOKEN,
      signalsFile: raw.SENSELOOP_SIGNALS,
      demoClock: raw.SENSELOOP_DEMO_CLOCK === "on",
    },
  };
}

/** PRIVATE_KEY (with escaped newlines restored), else the file PRIVATE_KEY_PATH names. */
function readPrivateKey(key: string | undefined, path: string | undefined, readFile: (path: string) => string, problems: string[]): string | undefined {
  if (key) {
    const pem = key.replace(/\\n/g, "\n");
    if (!PEM_PRIVATE_KEY.test(pem)) problems.push(`PRIVATE_KEY: ${NOT_PEM}`);
    return pem;
  }
  if (!path) return undefined;
  let pem: string;
  try {
    pem = readFile(path);
  } catch (err) {
    problems.push(`PRIVATE_KEY_PATH: cannot read ${path} (${(err as Error).message})`);
    return undefined;
  }
  if (!PEM_PRIVATE_KEY.test(pem)) problems.push(`PRIVATE_KEY_PATH: ${path} ${NOT_PEM}`);
  return pem;
}

function readPrivateKeyFile(path: string): string {
  return readFileSync(path, "utf8");
}
