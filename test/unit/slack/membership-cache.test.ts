import { ManualClock } from '../../support/manual-clock';
import { MembershipCache } from '../../../src/slack/adapters/membership-cache';

const MIN = 60_000;

describe('what the app knows of channel membership', () => {
  it('knows nothing until told, then what the last event or complete listing said', () => {
    const cache = new MembershipCache(new ManualClock(0), 5 * MIN);
    expect(cache.known('C1', 'U1')).toBeUndefined();
    cache.learnAll('C1', ['U1']);
    expect([cache.known('C1', 'U1'), cache.known('C1', 'U2')]).toEqual([true, false]);
    cache.learn('C1', 'U1', false); // U1 left after the listing
    cache.learn('C1', 'U2', true);
    expect([cache.known('C1', 'U1'), cache.known('C1', 'U2')]).toEqual([false, true]);
    expect(cache.known('C2', 'U1')).toBeUndefined();
  });

  it('forgets after its time to live, so a missed event misleads only so long', () => {
    const clock = new ManualClock(0);
    const cache = new MembershipCache(clock, 5 * MIN);
    cache.learn('C1', 'U1', true);
    cache.learnAll('C2', ['U1']);
    clock.advance(5 * MIN);
    expect([cache.known('C1', 'U1'), cache.known('C2', 'U1')]).toEqual([undefined, undefined]);
  });

  it('a listing newer than what an event said wins', () => {
    const clock = new ManualClock(0);
    const cache = new MembershipCache(clock, 5 * MIN);
    cache.learn('C1', 'U1', true);
    clock.advance(1_000);
    cache.learnAll('C1', []);
    expect(cache.known('C1', 'U1')).toBe(false);
  });
});
