import { FIRST_RETRY_MS, MAX_RETRY_MS, nextAttempt, retryDelay } from '../../../src/webhooks/backoff';

const DAY = 86_400_000;
const lowest = () => 0;
const highest = () => 0.999_999;

describe('retry backoff', () => {
  it('doubles the wait after each failure, between half and all of the step', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, lowest))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3, 4].map((n) => retryDelay(n, highest))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelay(1, () => 0.5)).toBe(FIRST_RETRY_MS * 0.75);
  });

  it('never waits more than an hour, however many failures', () => {
    expect(retryDelay(30, highest)).toBeLessThanOrEqual(MAX_RETRY_MS);
    expect(retryDelay(30, highest)).toBeGreaterThan(MAX_RETRY_MS - 10);
    expect(retryDelay(1_000, lowest)).toBe(MAX_RETRY_MS / 2);
  });

  it('retries until giveUpAfter from the first attempt, then gives up', () => {
    const since = 1_000_000;
    expect(nextAttempt({ failures: 1, now: since, since, giveUpAfter: DAY, random: lowest })).toBe(since + 5_000);
    const late = since + DAY - 1_000;
    expect(nextAttempt({ failures: 40, now: late, since, giveUpAfter: DAY, random: lowest })).toBe('give up');
    // An attempt that would land exactly at the limit is still made.
    expect(nextAttempt({ failures: 1, now: since + DAY - 5_000, since, giveUpAfter: DAY, random: lowest })).toBe(
      since + DAY,
    );
  });

  it("waits as long as the receiver's Retry-After asks when that is longer", () => {
    const a = { failures: 1, now: 0, since: 0, giveUpAfter: DAY, random: lowest };
    expect(nextAttempt({ ...a, retryAfterMs: 120_000 })).toBe(120_000);
    expect(nextAttempt({ ...a, retryAfterMs: 1_000 })).toBe(5_000);
  });
});
