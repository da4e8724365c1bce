import { formatInTimeZone } from 'date-fns-tz';
import { formatMinuteInZone, localParts } from '../../../src/text/zoned-time';

describe('localParts: a moment as a zone reads it', () => {
  it('says what date-fns-tz says, across a year of hours in zones with and without daylight saving', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
    const start = Date.UTC(2026, 0, 1, 0, 7);
    for (const zone of zones)
      for (let ms = start; ms < start + 366 * 86_400_000; ms += 3 * 3_600_000 + 60_000) {
        const parts = localParts(ms, zone);
        expect([parts.date, parts.time, parts.hour, parts.weekday]).toEqual([
          formatInTimeZone(ms, zone, 'yyyy-MM-dd'),
          formatInTimeZone(ms, zone, 'HH:mm'),
          Number(formatInTimeZone(ms, zone, 'H')),
          Number(formatInTimeZone(ms, zone, 'i')),
        ]);
      }
  });

  it('writes midnight as 00:00, not 24:00', () => {
    expect(localParts(Date.UTC(2026, 11, 7, 23, 0), 'Europe/Berlin')).toEqual({
      date: '2026-12-08',
      time: '00:00',
      hour: 0,
      weekday: 2,
    });
  });
});

describe('formatMinuteInZone: a moment to the minute, with the zone’s abbreviation', () => {
  it('writes what date-fns-tz writes, asked alternately with localParts for the same zones', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC'];
    const start = Date.UTC(2026, 0, 1, 0, 7);
    for (const zone of zones)
      for (let ms = start; ms < start + 366 * 86_400_000; ms += 5 * 3_600_000 + 60_000) {
        expect(formatMinuteInZone(ms, zone)).toBe(formatInTimeZone(ms, zone, 'yyyy-MM-dd HH:mm zzz'));
        expect(localParts(ms, zone).time).toBe(formatInTimeZone(ms, zone, 'HH:mm'));
      }
  });
});
