import { formatUptime, uptimeDays, uptimeOf, uptimeOver } from '../../../src/statuspage/uptime';
import type { StatusChange } from '../../../src/statuspage/statuspage.types';

const day = Date.UTC(2026, 10, 24);
const at = (hours: number, minutes = 0) => day + hours * 3_600_000 + minutes * 60_000;
const change = (status: StatusChange['status'], ms: number): StatusChange => ({
  componentId: 'payments',
  status,
  at: ms,
});

describe('uptime', () => {
  it('for a day with 36 minutes of major and 60 of partial outage is 1 − (36 + 18)/1440 = 96.25 %', () => {
    expect(uptimeOf({ existedMinutes: 1440, majorMinutes: 36, partialMinutes: 60, weight: 0.3 })).toBeCloseTo(
      0.9625,
      10,
    );
    const [shown] = uptimeDays({
      changes: [
        change('major_outage', at(9)),
        change('partial_outage', at(9, 36)),
        change('degraded_performance', at(10, 36)),
        change('operational', at(11)),
      ],
      createdAt: day - 30 * 86_400_000,
      now: day + 86_400_000 + 1,
      days: 2,
      timezone: 'UTC',
      weight: 0.3,
    });
    expect(shown?.worst).toBe('major_outage');
    expect(formatUptime(shown?.uptime ?? null)).toBe('96.25 %');
  });

  it('counts degraded performance and maintenance as up', () => {
    const [shown] = uptimeDays({
      changes: [
        change('degraded_performance', at(1)),
        change('under_maintenance', at(5)),
        change('operational', at(9)),
      ],
      createdAt: 0,
      now: day + 86_400_000 + 1,
      days: 2,
      timezone: 'UTC',
      weight: 0.3,
    });
    expect(shown).toMatchObject({ uptime: 1, worst: 'degraded_performance' });
    expect(formatUptime(shown?.uptime ?? null)).toBe('100 %');
  });

  it('shows days before the component existed as no data, and counts its first day from when it was added', () => {
    const days = uptimeDays({
      changes: [change('major_outage', at(18)), change('operational', at(18, 36))],
      createdAt: at(12),
      now: day + 86_400_000 - 1,
      days: 3,
      timezone: 'UTC',
      weight: 0.3,
    });
    expect(days.map((d) => d.date)).toEqual(['2026-11-22', '2026-11-23', '2026-11-24']);
    expect(days.slice(0, 2).map((d) => formatUptime(d.uptime))).toEqual(['no data', 'no data']);
    // 36 minutes down of the 720 it existed that day.
    expect(days[2]?.uptime).toBeCloseTo(1 - 36 / 720, 6);
    expect(uptimeOver(days, 0.3)).toBeCloseTo(1 - 36 / 720, 6);
  });

  it('carries an outage across midnight into the next day, counted in the page time zone', () => {
    const days = uptimeDays({
      changes: [change('major_outage', at(-1)), change('operational', at(0, 30))],
      createdAt: 0,
      now: day + 86_400_000 - 1,
      days: 2,
      timezone: 'UTC',
      weight: 0.3,
    });
    expect(days.map((d) => d.majorMinutes)).toEqual([60, 30]);
    const inNewYork = uptimeDays({
      changes: [change('major_outage', at(-1)), change('operational', at(0, 30))],
      createdAt: 0,
      now: day + 86_400_000 - 1,
      days: 2,
      timezone: 'America/New_York',
      weight: 0.3,
    });
    // 23:00–00:30 UTC is 18:00–19:30 in New York on the 23rd.
    expect(inNewYork.map((d) => [d.date, d.majorMinutes])).toEqual([
      ['2026-11-23', 90],
      ['2026-11-24', 0],
    ]);
  });
});
