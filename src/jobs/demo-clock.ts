import { TestClock, type AttachableClock, type ClockTimer, type Db as BossDb } from "pg-boss";
import type { Logger } from "probot";
import type { Clock } from "../clock.js";

/** How often the database's clock is brought up to the process's between moves. */
const DATABASE_SYNC_MS = 250;

/**
 * The demo's clock (`SENSELOOP_DEMO_CLOCK=on`): real time plus an offset that only moves
 * forward, so the demo can let two weeks pass in a second instead of sleeping. It is one clock
 * for our services and for pg-boss, whose `job_now()` in the database must agree with it, or a job
 * due "in 30 s" of demo time would wait two real weeks. pg-boss's TestClock carries the time into
 * the database (its override of `job_now()`); timers stay real, so workers poll as in production.
 */
export class DemoClock implements AttachableClock {
  #offsetMs = 0;
  readonly #database = new TestClock(Date.now());
  #sync: Promise<void> = Promise.resolve();

  /** pg-boss's view of the time, in milliseconds. */
  now(): number {
    return this.#time();
  }

  /** The same time as our services read it (a Date). */
  readonly services: Clock = { now: () => new Date(this.#time()) };

  setTimeout(fn: () => void, ms: number): ClockTimer {
    return setTimeout(fn, ms);
  }
  clearTimeout(handle: ClockTimer): void {
    clearTimeout(handle as NodeJS.Timeout);
  }
  setInterval(fn: () => void, ms: number): ClockTimer {
    return setInterval(fn, ms);
  }
  clearInterval(handle: ClockTimer): void {
    clearInterval(handle as NodeJS.Timeout);
  }

  async attach(target: { db: BossDb; schema: string; idle?: () => Promise<boolean> }): Promise<AsyncDisposable> {
    await this.#database.setTime(this.#time());
    const handle = await this.#database.attach(target);
    const timer = setInterval(() => void this.#push(), DATABASE_SYNC_MS);
    timer.unref();
    return {
      [Symbol.asyncDispose]: async () => {
        clearInterval(timer);
        await this.#sync;
        await handle[Symbol.asyncDispose]();
      },
    };
  }

  /** Moves time on by `ms`; resolves once the database agrees, so what the move made due can run. */
  async advance(ms: number): Promise<Date> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("the demo clock only moves forward");
    this.#offsetMs += ms;
    await this.#push();
    return new Date(this.#time());
  }

  #time(): number {
    return Date.now() + this.#offsetMs;
  }

  // One push at a time: TestClock refuses a setTime while another is in progress.
  #push(): Promise<void> {
    this.#sync = this.#sync.then(() => this.#database.setTime(this.#time())).catch(() => {});
    return this.#sync;
  }
}

/** A message from the parent process: move the clock on by `ms`. */
interface ClockMove {
  type: "senseloop:advance-clock";
  id: number;
  ms: number;
}

const isClockMove = (message: unknown): message is ClockMove => typeof message === "object" && message !== null && (message as ClockMove).type === "senseloop:advance-clock" && typeof (message as ClockMove).ms === "number";

/**
 * Lets the process that started this one move the demo clock, over Node's IPC channel (never over
 * HTTP, so nothing on the network can). Each move is answered with the new time once the database
 * has it. When the parent goes away, so does this process: a demo leaves nothing running.
 */
export function obeyClockMoves(clock: DemoClock, log: Logger, stop: () => void): void {
  if (!process.send) throw new Error("SENSELOOP_DEMO_CLOCK=on needs a parent process with an IPC channel (npm run demo starts Senseloop so)");
  process.on("message", (message: unknown) => {
    if (!isClockMove(message)) return;
    clock.advance(message.ms).then(
      (now) => {
        log.info({ now: now.toISOString(), movedMs: message.ms }, "demo clock moved on");
        process.send?.({ type: "senseloop:clock-moved", id: message.id, now: now.toISOString() });
      },
      (err: unknown) => process.send?.({ type: "senseloop:clock-moved", id: message.id, error: (err as Error).message }),
    );
  });
  process.once("disconnect", stop);
}

/** Tells the parent process (npm run demo) that Senseloop serves, and on which port: it may have asked for any free one. */
export function reportReady(port: number): void {
  process.send?.({ type: "senseloop:ready", port });
}
