export type ShipSource = "deployment" | "release" | "merge";

/** Work reaching users, as a webhook announced it: a deployment, a release or a merge. */
export interface ShipEvent {
  installationId: number;
  repositoryId: number;
  source: ShipSource;
  /** The deployment id, release tag or PR number. */
  sourceRef: string;
  /** The deployment's environment; releases and merges ship to the configured `ship.environment`. */
  environment: string | null;
  /** The commit that shipped; null for a release until its tag is resolved. */
  sha: string | null;
  tag?: string;
  /** When it shipped (ISO). */
  shippedAt: string;
  url: string | null;
  /** How to name the ship in comments: "deployment 123", "release v2.0.0", "the merge of #7". */
  label: string;
}
