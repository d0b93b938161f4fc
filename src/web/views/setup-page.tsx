import type { FC } from "hono/jsx";
import { Layout } from "./layout.js";

export interface SetupPageData {
  /** The variables setup mode is waiting for. */
  missing: string[];
  publicUrl: string | undefined;
  webhookProxyUrl: string | undefined;
  webhookPath: string;
  githubWebUrl: string;
  /** Echoed form values after a refused attempt. */
  typedAddress?: string | undefined;
  organization?: string | undefined;
  /** Why the last attempt was refused. */
  problem?: string | undefined;
}

const HowGitHubReachesUs: FC<{ data: SetupPageData }> = ({ data }) => (
  <>
    <h2>How GitHub will reach this server</h2>
    <p>GitHub sends every event (a pull request opened, a deployment finished) to this server. It needs one of:</p>
    <ol>
      <li>
        <strong>A public address.</strong> Deploy Senseloop where GitHub can reach it, or open a tunnel to this machine, then set <code>PUBLIC_URL</code> (for
        example <code>https://senseloop.example.com</code>) or type it below. Webhooks are then sent to <code>{`<address>${data.webhookPath}`}</code>.
      </li>
      <li>
        <strong>A webhook proxy,</strong> for a laptop: create a channel at <a href="https://smee.io/">smee.io</a>, set <code>WEBHOOK_PROXY_URL</code> to it and
        restart. GitHub posts to the channel, and Senseloop fetches the deliveries from it and forwards them to itself.
      </li>
    </ol>
    {data.webhookProxyUrl ? (
      <p class="flash flash-success">
        Using the webhook proxy <code>{data.webhookProxyUrl}</code>.
      </p>
    ) : data.publicUrl ? (
      <p class="flash flash-success">
        <code>PUBLIC_URL</code> is <code>{data.publicUrl}</code>.
      </p>
    ) : (
      <p class="flash flash-warn">Neither PUBLIC_URL nor WEBHOOK_PROXY_URL is set: type the public address below.</p>
    )}
  </>
);

/** `/` and `/setup` before the app has credentials: what is missing and how to register it. */
export const SetupPage: FC<{ data: SetupPageData }> = ({ data }) => (
  <Layout title="Set up">
    <h1>Connect Senseloop to GitHub</h1>
    <p>Senseloop is running, but it is not connected to a GitHub App yet. It is missing:</p>
    <ul>
      {data.missing.map((name) => (
        <li>
          <code>{name}</code>
        </li>
      ))}
    </ul>
    {data.problem ? (
      <p class="flash flash-error" role="alert">
        {data.problem}
      </p>
    ) : null}
    <HowGitHubReachesUs data={data} />

    <h2>Register the GitHub App</h2>
    <p>
      GitHub creates the app from this server's manifest (<code>app.yml</code>: permissions and events), then sends you back here, and this server writes the
      app's credentials to <code>.env</code>. Then restart it.
    </p>
    <form method="post" action="/setup/register">
      {data.webhookProxyUrl ? null : (
        <div class="field">
          <label for="public_url">Public address of this server</label>
          <input type="url" id="public_url" name="public_url" value={data.typedAddress ?? data.publicUrl ?? ""} placeholder="https://senseloop.example.com" />
          <p class="hint">The address GitHub calls; not localhost or a private network address.</p>
        </div>
      )}
      <div class="field">
        <label for="organization">Organization (optional)</label>
        <input type="text" id="organization" name="organization" value={data.organization ?? ""} placeholder="acme" />
        <p class="hint">Register the app under this organization instead of your own account on {new URL(data.githubWebUrl).host}.</p>
      </div>
      <button class="btn" type="submit">
        Register on GitHub
      </button>
    </form>

    <h2>Or by hand</h2>
    <p>
      Create a GitHub App with the permissions and events listed in <code>app.yml</code>, its webhook URL set to the public address followed by{" "}
      <code>{data.webhookPath}</code>, then set <code>APP_ID</code>, <code>PRIVATE_KEY</code> and <code>WEBHOOK_SECRET</code> and restart.
    </p>
    <p class="muted">
      Health: <a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a>
    </p>
  </Layout>
);
