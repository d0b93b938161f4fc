import type { Deliveries } from "./deliveries.js";
import type { Installation, Repo, User } from "./model.js";
import { repoObject } from "./render-repo.js";
import { organizationObject, userObject } from "./render-user.js";
import type { State } from "./state.js";
import type { Urls } from "./urls.js";

/** Events every installation receives whether or not the app subscribed to them. */
const ALWAYS = new Set(["installation", "installation_repositories", "installation_target", "github_app_authorization", "meta"]);

/**
 * Turns state changes into webhook deliveries: GitHub's envelope (action, object, repository,
 * organization, sender, installation), sent only for events the installation subscribed to.
 */
export class Webhooks {
  constructor(
    private readonly state: State,
    private readonly deliveries: Deliveries,
    private readonly urls: () => Urls,
  ) {}

  /** An event about a repository, delivered to the installation that covers it (if any and active). */
  repoEvent(event: string, action: string | undefined, repo: Repo, sender: User, body: Record<string, unknown>): void {
    const installation = this.state.installationOf(repo);
    if (!installation || installation.suspendedAt || !this.subscribed(installation, event)) return;
    const urls = this.urls();
    const payload: Record<string, unknown> = {
      ...(action ? { action } : {}),
      ...body,
      repository: body.repository ?? repoObject(urls, repo),
      ...(repo.owner.type === "Organization" ? { organization: organizationObject(urls, repo.owner) } : {}),
      sender: userObject(urls, sender),
      // GitHub still gives installations a legacy node id: base64 of "023:IntegrationInstallation<id>".
      installation: { id: installation.id, node_id: Buffer.from(`023:IntegrationInstallation${installation.id}`).toString("base64") },
    };
    this.deliveries.enqueue(event, payload, { installationId: installation.id, repositoryId: repo.id });
  }

  /** An event about the installation itself (`installation`, `installation_repositories`). */
  installationEvent(event: string, action: string, installation: Installation, sender: User, body: Record<string, unknown>): void {
    const payload = { action, ...body, sender: userObject(this.urls(), sender) };
    this.deliveries.enqueue(event, payload, { installationId: installation.id, repositoryId: null });
  }

  /** An event about the app with no installation (`github_app_authorization`). */
  appEvent(event: string, action: string, sender: User): void {
    this.deliveries.enqueue(event, { action, sender: userObject(this.urls(), sender) }, { installationId: null, repositoryId: null });
  }

  private subscribed(installation: Installation, event: string): boolean {
    return ALWAYS.has(event) || installation.events.includes(event);
  }
}
