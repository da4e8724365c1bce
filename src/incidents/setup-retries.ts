/**
 * When an unfinished declaration is tried again, after `failed` attempts: at the next scheduler
 * tick first (a short outage is usually over by then), then backing off to every 15 minutes.
 * Null once it has been tried for about a day: by then it needs a person (or a restart).
 */
const DELAYS = [0, 30_000, 60_000, 2 * 60_000, 5 * 60_000, 10 * 60_000];
const MAX_DELAY = 15 * 60_000;
const MAX_ATTEMPTS = 100;

/** `waitAtLeast`: what the platform asked (a rate limit's Retry-After), which an attempt sooner would only meet again. */
export function nextSetupAttemptAt(failed: number, now: number, waitAtLeast = 0): number | null {
  if (failed >= MAX_ATTEMPTS) return null;
  return now + Math.max(DELAYS[failed - 1] ?? MAX_DELAY, waitAtLeast);
}
