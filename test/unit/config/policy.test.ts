import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../../src/config/config.errors';
import { DEFAULT_POLICY, findSeverity, isMajor, loadPolicy, parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';

const write = (name: string, text: string): string => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'commander-config-')), name);
  fs.writeFileSync(file, text);
  return file;
};

describe('the built-in policy', () => {
  it('follows the runbooks: SEV1 every 15 minutes, SEV2 every 30, SEV3 hourly, SEV4 none', () => {
    expect(DEFAULT_POLICY.severities.map((s) => [s.id, s.updateEvery])).toEqual([
      ['SEV1', 900_000],
      ['SEV2', 1_800_000],
      ['SEV3', 3_600_000],
      ['SEV4', null],
    ]);
    expect(DEFAULT_POLICY).toMatchObject({ timezone: 'UTC', channelPrefix: 'inc', announcementChannel: null });
    expect(DEFAULT_POLICY.severities.map((s) => s.escalateAfterMissed)).toEqual([2, 2, null, null]);
    expect(DEFAULT_POLICY.reminders).toEqual({
      repeatAfter: 300_000,
      snoozeFor: 600_000,
      checkEvery: 5_000,
      maxSnoozes: 2,
    });
  });

  it('is what loadPolicy gives without a file', () => {
    expect(loadPolicy(undefined)).toEqual(DEFAULT_POLICY);
  });
});

describe('loadPolicy', () => {
  it('reads YAML and keeps defaults for keys left out', () => {
    const file = write('commander.yml', 'timezone: Europe/Berlin\nannouncementChannel: C0123ABCDEF\n');
    const policy = loadPolicy(file);
    expect(policy.timezone).toBe('Europe/Berlin');
    expect(policy.announcementChannel).toBe('C0123ABCDEF');
    expect(policy.severities).toHaveLength(4);
  });

  it('reads JSON', () => {
    const file = write(
      'commander.json',
      JSON.stringify({ channelPrefix: 'incident', severities: [{ id: 'P1', name: 'Critical', updateEvery: '30s' }] }),
    );
    const policy = loadPolicy(file);
    expect(policy.channelPrefix).toBe('incident');
    expect(policy.severities).toEqual([
      {
        id: 'P1',
        name: 'Critical',
        description: '',
        updateEvery: 30_000,
        escalateAfterMissed: null,
        escalateTo: { users: [], usergroup: null },
        acknowledgeWithin: null,
        commsWithin: null,
        escalation: [],
        postmortem: 'optional',
        requiredIfLongerThan: null,
      },
    ]);
  });

  it('names the offending key of an invalid file', () => {
    const file = write('bad.yml', 'severities:\n  - id: SEV1\n    name: Critical\n    updateEvery: 15 minutes\n');
    expect(() => loadPolicy(file)).toThrow(ConfigError);
    expect(() => loadPolicy(file)).toThrow(/bad\.yml: severities\.0\.updateEvery: "15 minutes" is not a duration/);
  });

  it('reads escalation contacts and reminder timings', () => {
    const file = write(
      'esc.yml',
      'reminders:\n  repeatAfter: 2m\n  snoozeFor: 30s\nseverities:\n  - id: SEV1\n    name: Critical\n    updateEvery: 15m\n    escalateAfterMissed: 3\n    escalateTo:\n      users: [U0123ABCDEF]\n      usergroup: S0123ABCDEF\n',
    );
    const policy = loadPolicy(file);
    expect(policy.reminders).toEqual({ repeatAfter: 120_000, snoozeFor: 30_000, checkEvery: 5_000, maxSnoozes: 2 });
    expect(policy.severities[0]).toMatchObject({
      escalateAfterMissed: 3,
      escalateTo: { users: ['U0123ABCDEF'], usergroup: 'S0123ABCDEF' },
    });
  });

  it('refuses escalation contacts that are not Slack ids', () => {
    const file = write(
      'bad-esc.yml',
      'severities:\n  - id: SEV1\n    name: Critical\n    escalateTo:\n      users: ["@alice"]\n',
    );
    expect(() => loadPolicy(file)).toThrow(/severities\.0\.escalateTo\.users\.0: must be a Slack user ID/);
  });

  it('refuses unknown keys so typos do not pass silently', () => {
    expect(() => loadPolicy(write('typo.yml', 'timezon: UTC\n'))).toThrow(/timezon/);
  });

  it('refuses an unknown time zone, a channel name instead of an id, and duplicate severities', () => {
    expect(() => parsePolicy({ ...DEFAULT_POLICY_INPUT, timezone: 'Mars/Olympus' })).toThrow(
      /timezone: is not an IANA time zone/,
    );
    expect(() => parsePolicy({ ...DEFAULT_POLICY_INPUT, announcementChannel: '#incidents' })).toThrow(
      /announcementChannel: must be a channel ID/,
    );
    expect(() =>
      parsePolicy({
        severities: [
          { id: 'SEV1', name: 'a' },
          { id: 'sev1', name: 'b' },
        ],
      }),
    ).toThrow(/severities: ids must be unique/);
  });

  it('says clearly when the file is missing or not YAML', () => {
    expect(() => loadPolicy('/nonexistent/commander.yml')).toThrow(
      'COMMANDER_CONFIG: cannot read /nonexistent/commander.yml',
    );
    expect(() => loadPolicy(write('broken.yml', 'severities: [\n'))).toThrow(/broken\.yml: not valid YAML/);
  });
});

describe('severity lookups', () => {
  it('finds severities without regard to case', () => {
    expect(findSeverity(DEFAULT_POLICY, 'sev2')?.id).toBe('SEV2');
    expect(findSeverity(DEFAULT_POLICY, 'SEV9')).toBeUndefined();
  });

  it('treats the two most severe levels as major', () => {
    expect(DEFAULT_POLICY.severities.map((s) => isMajor(DEFAULT_POLICY, s.id))).toEqual([true, true, false, false]);
    expect(isMajor(DEFAULT_POLICY, 'nope')).toBe(false);
  });
});
