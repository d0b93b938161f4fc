/**
 * Hidden markers our bot writes into issues and comments, to find them again after a retry or
 * a rename. Each has a render and a parse; a marker only counts in text our own bot wrote.
 */

export interface SenseMarker {
  /** owner/name#number of the hypothesis. */
  hypothesis: string;
  environment: string;
}

const SENSE = /<!-- senseloop:sense hypothesis=(\S+?#\d+) env=(\S+) -->/;
const COMMENT = /<!-- senseloop:comment key=(\S+) -->/;
const DASHBOARD = "<!-- senseloop:dashboard -->";

/** Marker values never contain whitespace, `<`, `>` or `--`, so they cannot end the HTML comment early. */
const safe = (value: string) => value.replace(/\s+/g, "_").replace(/[<>]/g, "").replace(/-{2,}/g, "-");

export function renderSenseMarker(marker: SenseMarker): string {
  return `<!-- senseloop:sense hypothesis=${safe(marker.hypothesis)} env=${safe(marker.environment)} -->`;
}

export function parseSenseMarker(body: string | null | undefined): SenseMarker | undefined {
  const match = SENSE.exec(body ?? "");
  return match ? { hypothesis: match[1]!, environment: match[2]! } : undefined;
}

/** Comments are keyed by the write ledger's key. */
export function renderCommentMarker(key: string): string {
  return `<!-- senseloop:comment key=${safe(key)} -->`;
}

export function parseCommentMarker(body: string | null | undefined): string | undefined {
  return COMMENT.exec(body ?? "")?.[1];
}

export function renderDashboardMarker(): string {
  return DASHBOARD;
}

export function hasDashboardMarker(body: string | null | undefined): boolean {
  return (body ?? "").includes(DASHBOARD);
}
