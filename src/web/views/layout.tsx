import type { Child, FC } from "hono/jsx";
import { ASSET_URLS } from "../assets.js";

/** Who is looking, for the header: signed in (with their form token), or whether signing in is possible. */
export interface Nav {
  login?: string | undefined;
  formToken?: string | undefined;
  /** Set when signing in is configured and nobody is signed in: where the sign-in link goes. */
  signInUrl?: string | undefined;
}

export interface LayoutProps {
  /** The page's own title; the tab reads "<title> · Senseloop". */
  title: string;
  nav?: Nav | undefined;
  children?: Child;
}

/**
 * The frame every page shares: GitHub-like header, one column, and the static stylesheet
 * (dark mode through prefers-color-scheme, print rules). No script: pages work without one,
 * and signing out is a plain form with its token.
 */
export const Layout: FC<LayoutProps> = ({ title, nav, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <title>{title === "Senseloop" ? title : `${title} · Senseloop`}</title>
      <link rel="stylesheet" href={ASSET_URLS.stylesheet} />
      <link rel="icon" href={ASSET_URLS.favicon} type="image/svg+xml" />
    </head>
    <body>
      <header class="header">
        <a class="brand" href="/">
          Senseloop
        </a>
        <nav aria-label="Site">
          <a href="/">Organisations</a>
          <a href="/status">Status</a>
        </nav>
        {nav?.login ? (
          <div class="who">
            <span>
              Signed in as <strong>{nav.login}</strong>
            </span>
            <a href="/settings/tokens">API tokens</a>
            <form method="post" action="/logout">
              <input type="hidden" name="token" value={nav.formToken ?? ""} />
              <button class="link-button" type="submit">
                Sign out
              </button>
            </form>
          </div>
        ) : nav?.signInUrl ? (
          <div class="who">
            <a href={nav.signInUrl}>Sign in with GitHub</a>
          </div>
        ) : null}
      </header>
      <main>{children}</main>
    </body>
  </html>
);
