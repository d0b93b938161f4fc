const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the week holding `at`: weeks are ISO weeks, in UTC like every date Senseloop shows. */
export function weekStart(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

/** The first day of the month holding `at`, 00:00 UTC. */
export function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/** The last `count` weeks up to and including the one holding `now`, oldest first. */
export function lastWeeks(now: Date, count: number): Date[] {
  const current = weekStart(now).getTime();
  return Array.from({ length: count }, (_, i) => new Date(current - (count - 1 - i) * 7 * DAY_MS));
}

/** The last `count` months up to and including the one holding `now`, oldest first. */
export function lastMonths(now: Date, count: number): Date[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1)));
}

/** "2026-W09": the ISO week's year and number. */
export function isoWeekLabel(start: Date): string {
  // The ISO year is the year of the week's Thursday.
  const thursday = new Date(start.getTime() + 3 * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** "2026-03". */
export function monthLabel(start: Date): string {
  return start.toISOString().slice(0, 7);
}
