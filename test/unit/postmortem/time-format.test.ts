import { minuteFormatter, secondFormatter } from '../../../src/postmortem/time-format';
import { formatInTimeZone } from '../../../src/text/zoned-time';

const SIX_HOURS = 6 * 3_600_000;

const ZONES = [
  'UTC',
  'Europe/London',
  'America/New_York',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];

describe('times in the postmortem timeline', () => {
  it.each(ZONES)('read the same as formatting each time in %s, across a daylight-saving change', (zone) => {
    const withSeconds = secondFormatter(zone);
    const minutes = minuteFormatter(zone);
    // Every 5 h 7 min 13 s through March to November 2026: both DST changes of each zone that has them.
    for (let at = Date.UTC(2026, 2, 1, 0, 0, 5); at < Date.UTC(2026, 10, 30); at += 18_433_000) {
      expect(withSeconds(at)).toBe(formatInTimeZone(at, zone, 'yyyy-MM-dd HH:mm:ss zzz'));
      expect(minutes(at)).toBe(formatInTimeZone(at, zone, 'yyyy-MM-dd HH:mm zzz'));
    }
  });

  it.each(ZONES)(
    'read the same as formatting each time in %s, minute by minute around its changes of offset',
    (zone) => {
      const minutes = minuteFormatter(zone);
      const withSeconds = secondFormatter(zone);
      // The changes of 2026 fall in these weeks in every zone above (both hemispheres).
      for (const [from, to] of [
        [Date.UTC(2026, 2, 7), Date.UTC(2026, 3, 6)],
        [Date.UTC(2026, 8, 26), Date.UTC(2026, 10, 2)],
      ] as const) {
        let previous = formatInTimeZone(from, zone, 'zzz');
        for (let at = from; at < to; at += SIX_HOURS) {
          const zoneNow = formatInTimeZone(at, zone, 'zzz');
          if (zoneNow === previous) continue;
          previous = zoneNow;
          // The offset changed in the six hours before: each of their minutes is compared.
          for (let near = at - SIX_HOURS; near <= at; near += 61_000) {
            expect(minutes(near)).toBe(formatInTimeZone(near, zone, 'yyyy-MM-dd HH:mm zzz'));
            expect(withSeconds(near)).toBe(formatInTimeZone(near, zone, 'yyyy-MM-dd HH:mm:ss zzz'));
          }
        }
      }
    },
  );

  it('keep the seconds of times that share a minute', () => {
    const withSeconds = secondFormatter('Europe/London');
    const minute = Date.UTC(2026, 6, 1, 12, 30);
    const [first, second, last] = [minute, minute + 5_000, minute + 59_999].map(withSeconds);
    expect(first).toMatch(/^2026-07-01 13:30:00 \S+$/);
    expect(second).toMatch(/^2026-07-01 13:30:05 \S+$/);
    expect(last).toMatch(/^2026-07-01 13:30:59 \S+$/);
  });
});
