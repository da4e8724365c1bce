import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { DEFAULT_POLICY, parsePolicy } from '../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { DEFAULT_ROTATION_START } from '../../src/oncall/oncall.config';
import { onCallAt } from '../../src/oncall/rotation';

const withOncall = (oncall: unknown) => parsePolicy({ ...DEFAULT_POLICY_INPUT, oncall });
const rotation = (over: Record<string, unknown> = {}) =>
  withOncall([{ name: 'platform', users: ['UA01', 'UB01', 'UC01'], ...over }]).oncall[0]!;
const utc = (iso: string) => Date.parse(iso);

describe('the oncall policy key', () => {
  it('is empty by default', () => {
    expect(DEFAULT_POLICY.oncall).toEqual([]);
  });

  it('defaults to weekly hand-offs on Monday at 09:00 UTC, counted from a fixed start', () => {
    expect(rotation()).toEqual({
      name: 'platform',
      users: ['UA01', 'UB01', 'UC01'],
      lengthDays: 7,
      start: DEFAULT_ROTATION_START,
      handoffWeekday: 'monday',
      handoffTime: '09:00',
      timezone: 'UTC',
      overrides: [],
    });
  });

  it('takes a hand-off channel by ID, and answers a #name with a field error', () => {
    expect(rotation({ handoffChannel: 'C0HANDOFF1' }).handoffChannel).toBe('C0HANDOFF1');
    expect(() => withOncall([{ name: 'p', users: ['UA01'], handoffChannel: '#oncall' }])).toThrow(
      /oncall\.0\.handoffChannel: must be a channel ID such as C0123ABCDEF/,
    );
  });

  it('reads length in days, weekday in any case, time, zone, start and overrides', () => {
    const r = rotation({
      length: '14d',
      weekday: 'Wednesday',
      time: '10:30',
      timezone: 'Europe/Berlin',
      start: '2026-01-07',
      overrides: [
        { user: 'UD01', from: '2026-02-02T00:00:00Z', to: '2026-02-03T12:00+01:00' },
        { user: 'UD01', from: '2026-03-02T09:00', to: '2026-03-03T09:00' }, // no offset: Berlin time
      ],
    });
    expect(r).toMatchObject({
      lengthDays: 14,
      handoffWeekday: 'wednesday',
      handoffTime: '10:30',
      timezone: 'Europe/Berlin',
      start: '2026-01-07',
    });
    expect(r.overrides).toEqual([
      { user: 'UD01', from: utc('2026-02-02T00:00:00Z'), to: utc('2026-02-03T11:00:00Z') },
      { user: 'UD01', from: utc('2026-03-02T08:00:00Z'), to: utc('2026-03-03T08:00:00Z') },
    ]);
  });

  it('the commented-out example in commander.example.yml is valid', () => {
    const example = fs.readFileSync(path.resolve(__dirname, '..', '..', 'commander.example.yml'), 'utf8');
    const block = /^# oncall:\n(?:#.*\n)+/m.exec(example)?.[0] ?? '';
    const oncall = YAML.parse(block.replace(/^# ?/gm, '')).oncall;
    expect(withOncall(oncall).oncall[0]).toMatchObject({
      name: 'platform',
      lengthDays: 7,
      start: '2026-01-05',
      overrides: [{ user: 'U0999DAVE' }],
    });
  });

  it('names the offending key', () => {
    expect(() => withOncall([{ name: 'p', users: ['UA01'], length: '36h' }])).toThrow(
      /oncall\.0\.length: "36h" is not a whole number of days/,
    );
    expect(() => withOncall([{ name: 'p', users: ['@alice'] }])).toThrow(
      /oncall\.0\.users\.0: must be a Slack user ID/,
    );
    expect(() => withOncall([{ name: 'p', users: [] }])).toThrow(/oncall\.0\.users: needs at least one user/);
    expect(() => withOncall([{ name: 'p', users: ['UA01'], weekday: 'mon' }])).toThrow(
      /oncall\.0\.weekday: must be one of monday/,
    );
    expect(() => withOncall([{ name: 'p', users: ['UA01'], time: '9am' }])).toThrow(
      /oncall\.0\.time: must be a 24-hour time/,
    );
    expect(() => withOncall([{ name: 'p', users: ['UA01'], timezone: 'Mars/Base' }])).toThrow(
      /oncall\.0\.timezone: is not an IANA time zone/,
    );
    expect(() => withOncall([{ name: 'p', users: ['UA01'], start: '2026-02-30' }])).toThrow(
      /oncall\.0\.start: must be a date YYYY-MM-DD/,
    );
    // Months and days out of range make an invalid Date, which must be a config error, not a crash.
    expect(() => withOncall([{ name: 'p', users: ['UA01'], start: '2026-13-01' }])).toThrow(
      /oncall\.0\.start: must be a date YYYY-MM-DD/,
    );
    expect(() =>
      withOncall([
        {
          name: 'p',
          users: ['UA01'],
          overrides: [{ user: 'UB01', from: '2026-01-32T00:00Z', to: '2026-02-01T00:00Z' }],
        },
      ]),
    ).toThrow(/oncall\.0\.overrides\.0: is not a real date and time/);
    expect(() =>
      withOncall([
        { name: 'p', users: ['UA01'], overrides: [{ user: 'UB01', from: 'tomorrow', to: '2026-01-01T00:00Z' }] },
      ]),
    ).toThrow(/oncall\.0\.overrides\.0\.from: must be an ISO date-time/);
    expect(() =>
      withOncall([
        {
          name: 'p',
          users: ['UA01'],
          overrides: [{ user: 'UB01', from: '2026-01-02T00:00Z', to: '2026-01-01T00:00Z' }],
        },
      ]),
    ).toThrow(/oncall\.0\.overrides\.0\.to: must be after from/);
    expect(() => withOncall([{ name: 'p', users: ['UA01'], shift: '7d' }])).toThrow(
      /oncall\.0: Unrecognized key.*shift/,
    );
    expect(() =>
      withOncall([
        { name: 'P', users: ['UA01'] },
        { name: 'p', users: ['UB01'] },
      ]),
    ).toThrow(/oncall: rotation names must be unique/);
  });
});

describe('rotations read from the config', () => {
  it('hand over across the year end', () => {
    const r = rotation({ start: '2025-12-22' });
    expect(onCallAt(r, utc('2025-12-31T23:59:00Z'))).toMatchObject({
      primary: 'UB01',
      secondary: 'UC01',
      next: { primary: 'UC01', at: utc('2026-01-05T09:00:00Z') },
    });
    expect(onCallAt(r, utc('2026-01-05T09:00:00Z'))).toMatchObject({ primary: 'UC01', secondary: 'UA01' });
  });

  it('keep the local hand-off time when the clocks change (London, March)', () => {
    const r = rotation({ timezone: 'Europe/London', start: '2026-03-23' });
    // 09:00 GMT = 09:00Z on 23 March; British Summer Time starts on the 29th, so 09:00 BST = 08:00Z.
    expect(onCallAt(r, utc('2026-03-23T09:00:00Z')).next.at).toBe(utc('2026-03-30T08:00:00Z'));
    expect(onCallAt(r, utc('2026-03-30T07:59:00Z')).primary).toBe('UA01');
    expect(onCallAt(r, utc('2026-03-30T08:00:00Z')).primary).toBe('UB01');
  });

  it('put an override in force for its window, saying whom it covers', () => {
    const r = rotation({
      start: '2026-01-05',
      overrides: [{ user: 'UD01', from: '2026-01-06T00:00Z', to: '2026-01-08T00:00Z' }],
    });
    expect(onCallAt(r, utc('2026-01-07T12:00:00Z'))).toMatchObject({
      primary: 'UD01',
      secondary: 'UB01',
      override: { user: 'UD01', covering: 'UA01', until: utc('2026-01-08T00:00:00Z') },
    });
    expect(onCallAt(r, utc('2026-01-08T00:00:00Z'))).toMatchObject({ primary: 'UA01', override: null });
  });
});
