import type { Child, FC } from "hono/jsx";
import { ASSET_URLS } from "../assets.js";

export interface LayoutProps {
  /** The page's own title; the tab reads "<title> · Senseloop". */
  title: string;
  children?: Child;
}

/**
 * The frame every page shares: GitHub-like header, one column, and the static stylesheet
 * (dark mode through prefers-color-scheme, print rules). No script: pages work without one.
 */
export const Layout: FC<LayoutProps> = ({ title, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <title>{title === "Senseloop" ? title : `${title} · Senseloop`}</title>
      <link rel="stylesheet" href={ASSET_URLS.stylesheet} />
    </head>
    <body>
      <header class="header">
        <a class="brand" href="/">
          Senseloop
        </a>
        <nav aria-label="Site">
          <a href="/">Status</a>
        </nav>
      </header>
      <main>{children}</main>
    </body>
  </html>
);
