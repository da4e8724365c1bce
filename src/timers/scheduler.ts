import type { Clock } from '../clock';
import type { Logger } from '../logger';

/** The scheduler's view of time: what the clock says and a way to be woken later (tests pass their own). */
export interface Timers extends Clock {
  setTimeout(wake: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (wake, ms) => setTimeout(wake, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Checking more often than once a second would only load the database. */
const SHORTEST_MS = 1_000;

/** The tick interval for a configured `everyMs`: whole milliseconds, at least a second. */
export const tickInterval = (everyMs: number): number => Math.max(SHORTEST_MS, Math.round(everyMs));

/** The first multiple of `every` (counted from the epoch) after `now`, so ticks keep to the same marks. */
export const nextMark = (now: number, every: number): number => (Math.floor(now / every) + 1) * every;

/**
 * The one periodic task: every `everyMs` it runs `tick` (the jobs, see jobs.ts). One task for the
 * whole app, not one timer per incident; state lives in the database, so a restart loses nothing.
 * Ticks fall on multiples of the interval (a late wake-up does not push the next one later), never
 * overlap (a slow tick skips the marks it ran past), and `stop` waits for the tick under way.
 */
export function startScheduler(schedule: {
  everyMs: number;
  tick: () => Promise<unknown>;
  logger: Logger;
  timers?: Timers;
}): { stop(): Promise<void> } {
  const timers = schedule.timers ?? systemTimers;
  const every = tickInterval(schedule.everyMs);
  let stopped = false;
  let timer: unknown;
  let running: Promise<void> = Promise.resolve();
  // The mark last waited for: a timer that fires a moment early does not make the same mark tick twice.
  let mark = 0;

  const wait = () => {
    const now = timers.now();
    mark = nextMark(Math.max(now, mark), every);
    timer = timers.setTimeout(run, mark - now);
  };
  function run(): void {
    timer = undefined;
    if (stopped) return;
    running = schedule
      .tick()
      .then(
        () => undefined,
        (error: unknown) => schedule.logger.error({ err: error }, 'scheduler tick failed'),
      )
      .then(() => {
        if (!stopped) wait();
      });
  }
  wait();
  return {
    async stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
