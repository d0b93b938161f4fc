import type { ProbotOctokit } from "probot";
import type { Clock } from "../../clock.js";
import { isNotFound } from "../errors.js";
import type { AppPort } from "../port.js";
import type { HookDelivery } from "../types.js";
import { call, NO_RETRY, orNull, type Client } from "./call.js";

/** GitHub lists at most 100 deliveries per page. */
const DELIVERIES_PER_PAGE = 100;

/** The `cursor` of the `rel="next"` link: the delivery log pages by cursor, not by page number. */
export function nextCursor(link: string | undefined): string | undefined {
  for (const part of (link ?? "").split(",")) {
    if (!/rel="next"/.test(part)) continue;
    const url = /<([^>]+)>/.exec(part)?.[1];
    if (!url) continue;
    const cursor = new URL(url).searchParams.get("cursor");
    if (cursor) return cursor;
  }
  return undefined;
}

/** The app-authenticated (JWT) calls: about the app itself, not an installation. */
export function appAdapter(octokit: ProbotOctokit, clock: Clock): AppPort {
  const client: Client = { octokit, clock, own: () => ({ appId: 0, login: undefined }) };
  return {
    installationOf: (ref) => orNull(client, async () => (await octokit.rest.apps.getRepoInstallation({ ...ref })).data.id),
    whoAmI: () =>
      call(client, async () => {
        const { data } = await octokit.rest.apps.getAuthenticated();
        if (!data?.slug) throw new Error("GitHub returned no app slug");
        return { slug: data.slug, name: data.name };
      }),

    async installationState(installationId) {
      try {
        const { data } = await call(client, () => octokit.rest.apps.getInstallation({ installation_id: installationId }));
        return data.suspended_at ? "suspended" : "active";
      } catch (err) {
        if (isNotFound(err)) return "gone";
        throw err;
      }
    },

    listDeliveries: (cursor) =>
      call(client, async () => {
        const { data, headers } = await octokit.rest.apps.listWebhookDeliveries({ per_page: DELIVERIES_PER_PAGE, ...(cursor ? { cursor } : {}) });
        const deliveries: HookDelivery[] = data.map((d) => ({
          id: d.id,
          guid: d.guid,
          deliveredAt: d.delivered_at,
          redelivery: d.redelivery,
          statusCode: d.status_code,
          event: d.event,
          action: d.action ?? null,
          installationId: d.installation_id ?? null,
        }));
        return { deliveries, nextCursor: nextCursor(headers.link) };
      }),

    async redeliver(deliveryId) {
      // Not retried blindly: each redelivery is asked for once, through the reconcile ledger.
      await call(client, () => octokit.rest.apps.redeliverWebhookDelivery({ delivery_id: deliveryId, ...NO_RETRY }));
    },
  };
}
