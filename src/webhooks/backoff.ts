/** The first retry comes after about this long; each later one waits twice as long as the one before. */
export const FIRST_RETRY_MS = 10_000;
/** No wait between attempts grows past this, so a receiver back after a long outage hears soon. */
export const MAX_RETRY_MS = 60 * 60_000;

/**
 * How long to wait after the `failures`-th failed attempt: exponential, capped, with "equal jitter"
 * (between half and all of the step) so that receivers coming back are not hit by every sender at
 * once, yet no retry comes immediately. `random` is in [0, 1).
 */
export function retryDelay(failures: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * When to try again after a failed attempt, or 'give up' when that would be past `giveUpAfter`
 * from `since`. A receiver's Retry-After is honoured when it asks for longer than the backoff.
 */
export function nextAttempt(o: {
  failures: number;
  now: number;
  since: number;
  giveUpAfter: number;
  retryAfterMs?: number | undefined;
  random?: () => number;
}): number | 'give up' {
  const at = o.now + Math.max(retryDelay(o.failures, o.random), o.retryAfterMs ?? 0);
  return at > o.since + o.giveUpAfter ? 'give up' : at;
}
