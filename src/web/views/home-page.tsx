import type { FC } from "hono/jsx";
import type { OwnerSummary } from "../../services/pages/home-data.js";
import { count, figureTiles, Tiles } from "./figures.js";
import { Layout, type Nav } from "./layout.js";

/** `/` signed in: every organisation or user whose installation the person can see, with its headline numbers. */
export const HomePage: FC<{ owners: OwnerSummary[]; nav: Nav }> = ({ owners, nav }) => (
  <Layout title="Organisations" nav={nav}>
    <h1>Your organisations</h1>
    {owners.length === 0 ? (
      <p class="muted">
        None of the repositories you can reach has Senseloop installed. Once the app is installed on one, it shows here within five minutes, or at once when you sign in again.
      </p>
    ) : (
      owners.map((owner) => (
        <section class="owner" aria-labelledby={`owner-${owner.login}`}>
          <h2 id={`owner-${owner.login}`}>
            <a href={`/${encodeURIComponent(owner.login)}`}>{owner.login}</a> <span class="muted">· {owner.repositories === 1 ? "1 repository" : `${count(owner.repositories)} repositories`}</span>
          </h2>
          <Tiles tiles={figureTiles(owner.figures)} label={`Headline numbers of ${owner.login}`} />
          <p>
            <a href={`/${encodeURIComponent(owner.login)}/learnings`}>Learning log</a>
          </p>
        </section>
      ))
    )}
  </Layout>
);
