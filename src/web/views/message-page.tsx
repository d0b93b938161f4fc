import type { FC } from "hono/jsx";
import { Layout, type Nav } from "./layout.js";

export interface MessagePageProps {
  title: string;
  message: string;
  tone?: "error" | "warn" | "success";
  nav?: Nav | undefined;
}

/** A page with one message: not found, an error, a refused request. */
export const MessagePage: FC<MessagePageProps> = ({ title, message, tone, nav }) => (
  <Layout title={title} nav={nav}>
    <h1>{title}</h1>
    <p class={tone ? `flash flash-${tone}` : undefined}>{message}</p>
    <p>
      {nav?.signInUrl ? (
        <>
          <a href={nav.signInUrl}>Sign in with GitHub</a> ·{" "}
        </>
      ) : null}
      <a href="/">Back to Senseloop</a>
    </p>
  </Layout>
);
