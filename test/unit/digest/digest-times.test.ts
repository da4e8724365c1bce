import { lastDigestAt, previousDigestAt } from '../../../src/digest/digest-times';

const monday = { weekday: 'monday', time: '09:00' } as const;

describe('when the weekly digest is due', () => {
  it('is the latest Monday 09:00 at or before now, in the zone', () => {
    expect(lastDigestAt(monday, 'UTC', Date.UTC(2026, 10, 30, 9, 0))).toBe(Date.UTC(2026, 10, 30, 9, 0));
    expect(lastDigestAt(monday, 'UTC', Date.UTC(2026, 10, 30, 8, 59))).toBe(Date.UTC(2026, 10, 23, 9, 0));
    expect(lastDigestAt(monday, 'UTC', Date.UTC(2026, 11, 6, 23, 0))).toBe(Date.UTC(2026, 10, 30, 9, 0));
    // Monday 09:00 in New York is 14:00 UTC in winter; on Monday morning UTC it is still last week's.
    expect(lastDigestAt(monday, 'America/New_York', Date.UTC(2026, 10, 30, 13, 0))).toBe(Date.UTC(2026, 10, 23, 14, 0));
    expect(lastDigestAt(monday, 'America/New_York', Date.UTC(2026, 10, 30, 14, 0))).toBe(Date.UTC(2026, 10, 30, 14, 0));
  });

  it('stays at 09:00 local across a change of clocks, so the week it covers is an hour shorter or longer', () => {
    // Europe/London goes to summer time on Sunday 2026-03-29.
    const after = lastDigestAt(monday, 'Europe/London', Date.UTC(2026, 2, 30, 12, 0));
    expect(after).toBe(Date.UTC(2026, 2, 30, 8, 0));
    const before = previousDigestAt(monday, 'Europe/London', after);
    expect(before).toBe(Date.UTC(2026, 2, 23, 9, 0));
    expect(after - before).toBe(167 * 3_600_000);
  });

  it('is on the weekday and time the policy names', () => {
    const friday = { weekday: 'friday', time: '16:30' } as const;
    expect(lastDigestAt(friday, 'UTC', Date.UTC(2026, 10, 30, 9, 0))).toBe(Date.UTC(2026, 10, 27, 16, 30));
    expect(lastDigestAt(friday, 'UTC', Date.UTC(2026, 10, 27, 16, 29))).toBe(Date.UTC(2026, 10, 20, 16, 30));
  });
});
