import { nextSetupAttemptAt } from '../../../src/incidents/setup-retries';

describe('when an unfinished declaration is tried again', () => {
  it('first at the next tick, then backing off to every 15 minutes, and not after about a day', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 50].map((failed) => (nextSetupAttemptAt(failed, 1_000) as number) - 1_000);
    expect(delays).toEqual([0, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 900_000]);
    expect(nextSetupAttemptAt(100, 1_000)).toBeNull();
  });
});
