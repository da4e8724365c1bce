import { parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';
import { csv, csvCell } from '../../../src/web/insights/csv';
import { dmRecipients, interruptions, isOutOfHours } from '../../../src/web/insights/out-of-hours';
import { severityAt, updatesOnTime } from '../../../src/web/insights/on-time';
import { median, p90, percentile } from '../../../src/web/insights/percentiles';
import { periodOf } from '../../../src/web/insights/periods';

const MIN = 60_000;
const policy = parsePolicy(DEFAULT_POLICY_INPUT);
const T0 = Date.UTC(2026, 2, 2, 9, 0); // a Monday

describe('median and p90', () => {
  it('give the middle (the mean of the two middle ones) and the nearest-rank 90th percentile', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(p90(hundred)).toBe(90);
    expect(p90([7])).toBe(7);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
  });

  it('are empty for no values, not zero', () => {
    expect(median([])).toBeNull();
    expect(p90([])).toBeNull();
  });
});

describe('status updates on time', () => {
  const incident = { severity: 'SEV1', declaredAt: T0 };

  it('counts an update on time when it came within the cadence of the one before (or the declaration)', () => {
    const updates = [{ postedAt: T0 + 15 * MIN }, { postedAt: T0 + 31 * MIN }, { postedAt: T0 + 40 * MIN }];
    expect(updatesOnTime(incident, updates, [], policy)).toEqual({ counted: 3, onTime: 2 });
  });

  it('takes the cadence of the severity in force when the update was posted, and leaves out severities with none', () => {
    const changes = [{ at: T0 + 5 * MIN, from: 'SEV1', to: 'SEV3' }];
    // SEV3 updates hourly: 50 minutes after the declaration is on time though SEV1's 15 have passed.
    expect(updatesOnTime(incident, [{ postedAt: T0 + 50 * MIN }], changes, policy)).toEqual({ counted: 1, onTime: 1 });
    expect(severityAt('SEV3', changes, T0)).toBe('SEV1');
    const sev4 = [{ at: T0 + 1, from: 'SEV1', to: 'SEV4' }];
    expect(updatesOnTime(incident, [{ postedAt: T0 + 90 * MIN }], sev4, policy)).toEqual({ counted: 0, onTime: 0 });
  });
});

describe('interruptions out of hours', () => {
  it('counts DMs sent from 22:00 to 08:00 on the recipient’s clock', () => {
    expect(isOutOfHours(Date.UTC(2026, 2, 2, 21, 59), 'UTC')).toBe(false);
    expect(isOutOfHours(Date.UTC(2026, 2, 2, 22, 0), 'UTC')).toBe(true);
    expect(isOutOfHours(Date.UTC(2026, 2, 3, 7, 59), 'UTC')).toBe(true);
    expect(isOutOfHours(Date.UTC(2026, 2, 3, 8, 0), 'UTC')).toBe(false);
    // 03:00 UTC is 22:00 the evening before in New York (EST).
    expect(isOutOfHours(Date.UTC(2026, 2, 3, 3, 0), 'America/New_York')).toBe(true);
    expect(isOutOfHours(Date.UTC(2026, 2, 3, 3, 0), 'Asia/Tokyo')).toBe(false);
  });

  it('counts an escalation once per person called in, and a user group not at all', () => {
    const at = Date.UTC(2026, 2, 2, 23, 0);
    const escalated = {
      kind: 'escalated' as const,
      at,
      data: { level: 'secondary', users: ['UA', 'UB'], usergroup: 'SOPS', missed: 2 },
    };
    expect(dmRecipients(escalated)).toEqual(['UA', 'UB']);
    const reminder = {
      kind: 'reminder_sent' as const,
      at: Date.UTC(2026, 2, 2, 12, 0),
      data: { to: 'UC', reminder: 1, sinceLastUpdate: 0 },
    };
    const note = { kind: 'note' as const, at, data: { source: 'x' } };
    expect(interruptions([escalated, reminder, note], () => 'UTC')).toEqual({ sent: 3, outOfHours: 2 });
  });
});

describe('periods', () => {
  it('are months and ISO weeks on the policy’s calendar', () => {
    expect(periodOf(Date.UTC(2026, 0, 1, 3, 0), 'UTC', 'month')).toBe('2026-01');
    expect(periodOf(Date.UTC(2026, 0, 1, 3, 0), 'America/New_York', 'month')).toBe('2025-12');
    expect(periodOf(Date.UTC(2026, 0, 1), 'UTC', 'week')).toBe('2026-W01'); // a Thursday
    expect(periodOf(Date.UTC(2027, 0, 1), 'UTC', 'week')).toBe('2026-W53'); // a Friday
    expect(periodOf(T0, 'UTC', 'week')).toBe('2026-W10');
  });
});

describe('CSV', () => {
  it('quotes what needs quoting and defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const lead of ['+', '-', '@']) expect(csvCell(`${lead}1`)).toBe(`'${lead}1`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csv(['a', 'b'], [['x,y', 2]])).toBe('a,b\r\n"x,y",2\r\n');
  });
});
