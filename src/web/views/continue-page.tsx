import type { FC } from "hono/jsx";
import { ASSET_URLS } from "../assets.js";
import type { AppManifest } from "../setup/manifest.js";
import { Layout } from "./layout.js";

export interface ContinuePageData {
  /** GitHub's registration page, with the state. */
  action: string;
  manifest: AppManifest;
}

/**
 * The hand-over to GitHub: a form that posts the manifest. The external script submits it at
 * once; without JavaScript the button does.
 */
export const ContinuePage: FC<{ data: ContinuePageData }> = ({ data }) => (
  <Layout title="Continue on GitHub">
    <h1>Continue on GitHub</h1>
    <p>
      GitHub will show the app it is about to create: <strong>{data.manifest.name}</strong>, sending webhooks to <code>{data.manifest.hook_attributes.url}</code>.
      You can change its name there.
    </p>
    <form method="post" action={data.action} id="manifest-form" data-auto-submit="">
      <input type="hidden" name="manifest" value={JSON.stringify(data.manifest)} />
      <button class="btn" type="submit">
        Create the GitHub App on {new URL(data.action).host}
      </button>
    </form>
    <script src={ASSET_URLS.autoSubmit} defer></script>
  </Layout>
);
