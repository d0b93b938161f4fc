import type { FC } from "hono/jsx";
import { Layout } from "./layout.js";

export interface RegisteredPageData {
  name: string;
  appId: number;
  htmlUrl: string;
  /** The .env keys that were written. */
  written: string[];
}

/** After the code was exchanged: what was written, and the two steps left. */
export const RegisteredPage: FC<{ data: RegisteredPageData }> = ({ data }) => (
  <Layout title="Registered">
    <h1>{data.name} is registered</h1>
    <p class="flash flash-success">
      GitHub created the app (id <code>{String(data.appId)}</code>). Its credentials were written to <code>.env</code>:{" "}
      {data.written.map((key, i) => (
        <>
          {i > 0 ? ", " : ""}
          <code>{key}</code>
        </>
      ))}
      .
    </p>
    <ol>
      <li>
        <strong>Restart Senseloop</strong> (<code>npm start</code>) so it reads them and connects.
      </li>
      <li>
        <a href={`${data.htmlUrl}/installations/new`}>Install the app</a> on the repositories it should watch.
      </li>
    </ol>
  </Layout>
);
