import type { FC } from "hono/jsx";
import { Layout, type Nav } from "./layout.js";

export interface LandingData {
  /** False when GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET or SESSION_SECRET is missing. */
  signInConfigured: boolean;
  signInMissing: string[];
  /** Where GitHub sends people back after signing in. */
  callbackUrl: string;
  /** The request found the person's GitHub sign-in ended. */
  signedOutNow: boolean;
}

/** `/` for someone not signed in: what Senseloop is, and the way in. */
export const LandingPage: FC<{ data: LandingData; nav: Nav }> = ({ data, nav }) => (
  <Layout title="Senseloop" nav={nav}>
    <h1>Close the loop on what you ship</h1>
    {data.signedOutNow ? <p class="flash flash-warn">GitHub no longer accepts your sign-in, so you were signed out. Sign in again to carry on.</p> : null}
    <p>
      Senseloop asks every pull request which hypothesis it serves, opens a sense issue when the work reaches users, and waits for the team to respond:
      persevere, pivot or kill, with what it learned. This dashboard shows every open loop across your organisations and the learning they produced.
    </p>
    {data.signInConfigured ? (
      <p>
        <a class="btn" href="/login">
          Sign in with GitHub
        </a>
      </p>
    ) : (
      <div class="box">
        <h2>Signing in is not set up yet</h2>
        <p>
          The dashboard signs people in with the GitHub App's own OAuth client. Set {data.signInMissing.map((name, i) => <>{i > 0 ? (i === data.signInMissing.length - 1 ? " and " : ", ") : null}<code>{name}</code></>)} and restart.
        </p>
        <ul>
          <li>
            <code>GITHUB_CLIENT_ID</code> and <code>GITHUB_CLIENT_SECRET</code>: on the app's settings page on GitHub, the Client ID, and a client secret you generate there. Registering the app from the setup page writes both.
          </li>
          <li>
            <code>SESSION_SECRET</code>: at least 32 random bytes, for example <code>openssl rand -base64 32</code>.
          </li>
          <li>
            The app's callback URL on GitHub must be <code>{data.callbackUrl}</code>.
          </li>
        </ul>
        <p class="muted">Until then the status page is shown only to requests from this machine.</p>
      </div>
    )}
  </Layout>
);
