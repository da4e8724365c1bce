import { type Rotation, handoffAt, onCallAt, shiftIndex, firstHandoffDay } from '../../src/oncall/rotation';

const weekly = (over: Partial<Rotation> = {}): Rotation => ({
  name: 'platform',
  users: ['UA', 'UB', 'UC'],
  lengthDays: 7,
  start: '2026-01-05', // a Monday
  handoffWeekday: 'monday',
  handoffTime: '09:00',
  timezone: 'UTC',
  overrides: [],
  ...over,
});
const utc = (iso: string) => Date.parse(iso);

describe('weekly rotation', () => {
  it('hands over on Mondays at 09:00, primary then secondary in order', () => {
    const r = weekly();
    expect(onCallAt(r, utc('2026-01-05T09:00:00Z'))).toMatchObject({
      primary: 'UA',
      secondary: 'UB',
      next: { primary: 'UB', at: utc('2026-01-12T09:00:00Z') },
    });
    expect(onCallAt(r, utc('2026-01-12T08:59:59Z')).primary).toBe('UA');
    expect(onCallAt(r, utc('2026-01-12T09:00:00Z'))).toMatchObject({ primary: 'UB', secondary: 'UC' });
    expect(onCallAt(r, utc('2026-01-19T10:00:00Z'))).toMatchObject({ primary: 'UC', secondary: 'UA' });
    expect(onCallAt(r, utc('2026-01-26T10:00:00Z')).primary).toBe('UA');
  });

  it('starts at the first hand-off weekday on or after the start date', () => {
    const r = weekly({ start: '2026-01-01' }); // a Thursday
    expect(new Date(firstHandoffDay(r) * 86_400_000).toISOString().slice(0, 10)).toBe('2026-01-05');
  });

  it('keeps local hand-off time across DST changes (New York, March and November)', () => {
    const r = weekly({ timezone: 'America/New_York', start: '2026-03-02' });
    // 09:00 EST = 14:00Z before the change; 09:00 EDT = 13:00Z after it.
    expect(handoffAt(r, firstHandoffDay(r))).toBe(utc('2026-03-02T14:00:00Z'));
    expect(onCallAt(r, utc('2026-03-02T14:00:00Z')).next.at).toBe(utc('2026-03-09T13:00:00Z'));
    expect(onCallAt(r, utc('2026-03-09T12:59:00Z')).primary).toBe('UA');
    expect(onCallAt(r, utc('2026-03-09T13:00:00Z')).primary).toBe('UB');
    // Fall back on 2026-11-01: the hand-off on 11-02 is at 14:00Z again.
    const autumn = weekly({ timezone: 'America/New_York', start: '2026-10-26' });
    expect(onCallAt(autumn, utc('2026-10-26T13:00:00Z')).next.at).toBe(utc('2026-11-02T14:00:00Z'));
    expect(onCallAt(autumn, utc('2026-11-02T13:30:00Z')).primary).toBe('UA');
  });

  it('carries on across the year end', () => {
    const r = weekly({ start: '2025-12-22' });
    expect(shiftIndex(r, utc('2025-12-31T23:59:00Z'))).toBe(1);
    expect(shiftIndex(r, utc('2026-01-05T09:00:00Z'))).toBe(2);
    expect(onCallAt(r, utc('2026-01-01T00:00:00Z'))).toMatchObject({
      primary: 'UB',
      next: { at: utc('2026-01-05T09:00:00Z'), primary: 'UC' },
    });
  });

  it('supports daily shifts in a zone east of UTC', () => {
    const r = weekly({
      lengthDays: 1,
      handoffWeekday: 'monday',
      handoffTime: '08:30',
      timezone: 'Asia/Tokyo',
      start: '2026-01-05',
    });
    expect(onCallAt(r, utc('2026-01-05T00:00:00Z')).primary).toBe('UA'); // 09:00 JST
    expect(onCallAt(r, utc('2026-01-05T23:29:00Z')).primary).toBe('UA'); // 08:29 JST next day
    expect(onCallAt(r, utc('2026-01-05T23:30:00Z')).primary).toBe('UB');
  });

  it('lets an override cover the primary, and never makes one person both primary and secondary', () => {
    const r = weekly({
      overrides: [{ user: 'UB', from: utc('2026-01-06T00:00:00Z'), to: utc('2026-01-08T00:00:00Z') }],
    });
    expect(onCallAt(r, utc('2026-01-07T12:00:00Z'))).toMatchObject({
      primary: 'UB',
      secondary: 'UA',
      override: { user: 'UB', until: utc('2026-01-08T00:00:00Z'), covering: 'UA' },
    });
    expect(onCallAt(r, utc('2026-01-08T00:00:00Z'))).toMatchObject({ primary: 'UA', secondary: 'UB', override: null });
  });

  it('a rotation of one has no secondary', () => {
    expect(onCallAt(weekly({ users: ['UA'] }), utc('2026-02-01T00:00:00Z'))).toMatchObject({
      primary: 'UA',
      secondary: null,
    });
  });

  it('before it starts, the first shift is on', () => {
    expect(onCallAt(weekly(), utc('2025-12-01T00:00:00Z')).primary).toBe('UA');
  });
});
