import type { Decision } from "./commands.js";
import type { SenseState } from "./sense-state.js";

const DAY_MS = 86_400_000;

/** What a figure needs to know about one sense item: the dashboard issue and the web pages pass the same facts. */
export interface MetricItem {
  state: SenseState;
  shippedAt: Date;
  dueAt: Date;
  response: { decision: Decision; respondedAt: Date } | null;
}

/** The hypothesis check's outcome on a merged PR; null when the PR was never checked. */
export type MergeOutcome = "linked" | "exempt" | "missing" | "invalid" | "config_invalid" | null;

export interface MetricMerged {
  mergedAt: Date;
  outcome: MergeOutcome;
}

export interface MetricsInput {
  now: Date;
  items: readonly MetricItem[];
  merged: readonly MetricMerged[];
}

export interface DashboardMetrics {
  /** Share of past-due items that have a response; null when no item is past due. */
  closureRate: number | null;
  /** Median days from ship to response over responded items; null when none responded. */
  medianDaysToResponse: number | null;
  /** Decisions over every responded item. */
  mix: Record<Decision, number>;
  /** Share of PRs merged in the last 30 days that name a hypothesis; null when none merged. */
  linkedShare: number | null;
  /** Items whose due date has passed, responded or not: the closure rate's denominator. */
  pastDue: number;
  /** Past-due items that have a response: the closure rate's numerator. */
  responded: number;
}

export const MERGED_WINDOW_DAYS = 30;

/** Days from ship to response; a response recorded before the ship counts as zero. */
export function daysToResponse(item: Pick<MetricItem, "shippedAt" | "response">): number | null {
  if (item.response === null) return null;
  return Math.max(0, item.response.respondedAt.getTime() - item.shippedAt.getTime()) / DAY_MS;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A loop counts towards closure once its due date has passed: answering early is welcome, asking early is not fair. */
export function isPastDue(item: Pick<MetricItem, "dueAt">, now: Date): boolean {
  return item.dueAt.getTime() <= now.getTime();
}

/**
 * Loop health, computed over every item that was not rolled back: what the dashboard issue's
 * metrics line and every page of the web dashboard show, for one repository or many.
 */
export function computeMetrics(data: MetricsInput): DashboardMetrics {
  const items = data.items.filter((item) => item.state !== "rolled_back");
  const pastDue = items.filter((item) => isPastDue(item, data.now));
  const responded = pastDue.filter((item) => item.response !== null).length;

  const mix: Record<Decision, number> = { persevere: 0, pivot: 0, kill: 0 };
  const waits: number[] = [];
  for (const item of items) {
    if (item.response === null) continue;
    mix[item.response.decision]++;
    waits.push(daysToResponse(item)!);
  }

  const merged = recentlyMerged(data.merged, data.now);
  return {
    closureRate: pastDue.length === 0 ? null : responded / pastDue.length,
    medianDaysToResponse: median(waits),
    mix,
    linkedShare: merged.length === 0 ? null : merged.filter((pr) => pr.outcome === "linked").length / merged.length,
    pastDue: pastDue.length,
    responded,
  };
}

/** PRs merged in the last 30 days; older ones do not count towards the linked share. */
export function recentlyMerged<T extends MetricMerged>(merged: readonly T[], now: Date): T[] {
  const since = now.getTime() - MERGED_WINDOW_DAYS * DAY_MS;
  return merged.filter((pr) => pr.mergedAt.getTime() >= since);
}
