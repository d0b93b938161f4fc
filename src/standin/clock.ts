/** Where the stand-in's timestamps come from; the project's `Clock` fits as a base. */
export interface BaseClock {
  now(): Date;
}

/**
 * The stand-in's clock: a base clock plus an offset that only moves forward or is set, so a
 * demo can let days pass instead of sleeping, whatever clock it was given.
 */
export interface StandinClock {
  now(): Date;
  /** Moves time on by `ms` milliseconds; returns the new time. */
  advance(ms: number): Date;
  /** Jumps to `at` (forwards or backwards); returns it. */
  set(at: Date): Date;
}

export function createStandinClock(base: BaseClock = { now: () => new Date() }): StandinClock {
  let offset = 0;
  const now = () => new Date(base.now().getTime() + offset);
  return {
    now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError("the clock only moves forward");
      offset += ms;
      return now();
    },
    set(at) {
      offset = at.getTime() - base.now().getTime();
      return now();
    },
  };
}

/** GitHub's timestamps: ISO 8601 in UTC to the second. */
export const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");
