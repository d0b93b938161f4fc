import type { State } from "./state.js";
import type { Urls } from "./urls.js";
import type { Webhooks } from "./webhooks.js";

/** What every action needs: the state to change, the webhooks to announce it, the URLs to render it. */
export interface Hub {
  state: State;
  hooks: Webhooks;
  urls: () => Urls;
}
