import type { FC } from "hono/jsx";
import { Layout, type Nav } from "./layout.js";
import { Time } from "./time-text.js";

export interface TokenRow {
  /** What the revoke form names: the token's stored hash, never the token. */
  id: string;
  label: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface TokensView {
  tokens: TokenRow[];
  /** A token just made: shown once, then only its label. */
  created?: { token: string; label: string } | undefined;
  problem?: string | undefined;
  apiBase: string;
}

/** `/settings/tokens`: API tokens for scripts, which see exactly what their owner sees. */
export const TokensPage: FC<{ data: TokensView; nav: Nav }> = ({ data, nav }) => (
  <Layout title="API tokens" nav={nav}>
    <h1>API tokens</h1>
    <p>
      A token lets a script read the JSON API under <code>/api/v1/</code> as you: it sees the repositories you see, no more, and stops working when you revoke it, after 90 days, or when you revoke Senseloop on GitHub.
    </p>
    {data.problem ? <p class="flash flash-error">{data.problem}</p> : null}
    {data.created ? (
      <div class="flash flash-success">
        <p>
          The token <strong>{data.created.label}</strong> is below. Copy it now: it is not shown again.
        </p>
        <p class="token">{data.created.token}</p>
        <pre>{`curl -H "Authorization: Bearer ${data.created.token}" ${data.apiBase}/api/v1/orgs`}</pre>
      </div>
    ) : null}
    <form method="post" action="/settings/tokens">
      <input type="hidden" name="token" value={nav.formToken ?? ""} />
      <div class="field">
        <label for="label">What is it for?</label>
        <input type="text" id="label" name="label" maxlength={100} required placeholder="weekly metrics export" />
      </div>
      <button class="btn" type="submit">
        Make a token
      </button>
    </form>
    <h2>Your tokens</h2>
    {data.tokens.length === 0 ? (
      <p class="muted">None.</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>For</th>
            <th>Made</th>
            <th>Last used</th>
            <th>Expires</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {data.tokens.map((row) => (
            <tr>
              <td>{row.label}</td>
              <td>
                <Time at={row.createdAt} />
              </td>
              <td>
                <Time at={row.lastSeenAt} />
              </td>
              <td>
                <Time at={row.expiresAt} />
              </td>
              <td>
                <form method="post" action="/settings/tokens/revoke">
                  <input type="hidden" name="token" value={nav.formToken ?? ""} />
                  <input type="hidden" name="id" value={row.id} />
                  <button class="btn btn-danger" type="submit">
                    Revoke
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </Layout>
);
