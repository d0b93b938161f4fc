import type { FC } from "hono/jsx";
import { Layout } from "./layout.js";

export interface MessagePageProps {
  title: string;
  message: string;
  tone?: "error" | "warn" | "success";
}

/** A page with one message: not found, an error, a refused request. */
export const MessagePage: FC<MessagePageProps> = ({ title, message, tone }) => (
  <Layout title={title}>
    <h1>{title}</h1>
    <p class={tone ? `flash flash-${tone}` : undefined}>{message}</p>
    <p>
      <a href="/">Back to the status page</a>
    </p>
  </Layout>
);
