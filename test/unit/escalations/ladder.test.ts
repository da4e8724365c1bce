import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { DEFAULT_POLICY, parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';
import { climbsNow } from '../../../src/reminders/due';
import { contactsOf, ladderOf, levelsWithNobody, unlessHolds } from '../../../src/escalations/ladder';
import { emptyReminder } from '../../../src/reminders/reminder.types';
import { anIncident } from '../../support/incident-fixture';

const MIN = 60_000;

describe('the built-in ladders hold runbook 002 (On-Call Rotation Guide) to the minute', () => {
  // Runbook 002: "Secondary ... Auto-escalated after 15 minutes (P1) or 1 hour (P2)"; "On-Call
  // Manager ... Auto-escalated after 30 minutes"; "Level 4: VP Engineering + CTO (1+ hour)".
  const table = (severity: string) =>
    ladderOf(DEFAULT_POLICY, severity).map((l) => [l.name, l.after === null ? null : l.after / MIN, l.unless]);

  it('SEV1: the secondary at 15m unless acknowledged, the manager at 30m unless mitigated, leadership at 60m unless resolved', () => {
    expect(table('SEV1')).toEqual([
      ['on-call secondary', 15, 'acknowledged'],
      ['on-call manager', 30, 'mitigated'],
      ['VP Engineering + CTO', 60, 'resolved'],
    ]);
  });

  it('SEV2: the secondary at 1h unless acknowledged, the manager at 2h unless mitigated', () => {
    expect(table('SEV2')).toEqual([
      ['on-call secondary', 60, 'acknowledged'],
      ['on-call manager', 120, 'mitigated'],
    ]);
  });

  it('SEV3 and SEV4 do not auto-escalate ("P3: No auto-escalation")', () => {
    expect(table('SEV3')).toEqual([]);
    expect(table('SEV4')).toEqual([]);
  });

  it('acknowledgement is required within 5m (SEV1) and 15m (SEV2), optional below; comms within 30m and 1h', () => {
    const times = DEFAULT_POLICY.severities.map((s) => [s.id, s.acknowledgeWithin, s.commsWithin]);
    expect(times).toEqual([
      ['SEV1', 5 * MIN, 30 * MIN],
      ['SEV2', 15 * MIN, 60 * MIN],
      ['SEV3', null, null],
      ['SEV4', null, null],
    ]);
  });

  it('names the levels nobody is configured for, which start-up warns about', () => {
    expect(levelsWithNobody(DEFAULT_POLICY).map((l) => `${l.severity}/${l.level}`)).toEqual([
      'SEV1/1',
      'SEV1/2',
      'SEV1/3',
      'SEV2/1',
      'SEV2/2',
    ]);
    const withRotation = parsePolicy({
      ...DEFAULT_POLICY_INPUT,
      oncall: [{ name: 'platform', users: ['UALICE', 'UBOB'], start: '2026-11-02' }],
    });
    expect(levelsWithNobody(withRotation).map((l) => `${l.severity}/${l.level}`)).toEqual([
      'SEV1/2',
      'SEV1/3',
      'SEV2/2',
    ]);
  });
});

describe('unless', () => {
  it('acknowledged, mitigated (Mitigating, Monitoring, Resolved) and resolved', () => {
    const open = anIncident();
    expect(unlessHolds(open, 'acknowledged')).toBe(false);
    expect(unlessHolds({ ...open, acknowledgedAt: 1 }, 'acknowledged')).toBe(true);
    expect(unlessHolds({ ...open, status: 'identified' }, 'mitigated')).toBe(false);
    expect(unlessHolds({ ...open, status: 'mitigating' }, 'mitigated')).toBe(true);
    expect(unlessHolds({ ...open, status: 'monitoring' }, 'mitigated')).toBe(true);
    expect(unlessHolds({ ...open, status: 'monitoring' }, 'resolved')).toBe(false);
    expect(unlessHolds({ ...open, status: 'resolved', resolvedAt: 2 }, 'resolved')).toBe(true);
  });
});

describe('whom a level calls in', () => {
  const noPaging = { pageOncall: false };
  const onCall = (_at: number, rotation?: string | null) =>
    rotation === 'db' ? { primary: 'UDBA', secondary: null } : { primary: 'UALICE', secondary: 'UCAROL' };

  it('the rotation secondary, or the primary when the secondary leads the incident; never the commander', () => {
    const notify = { oncall: 'secondary', users: [], usergroup: null };
    expect(contactsOf(notify, anIncident({ commanderId: 'UBOB' }), onCall, 0, noPaging).users).toEqual(['UCAROL']);
    expect(contactsOf(notify, anIncident({ commanderId: 'UCAROL' }), onCall, 0, noPaging).users).toEqual(['UALICE']);
    expect(contactsOf({ ...notify, oncall: 'db.primary' }, anIncident(), onCall, 0, noPaging).users).toEqual(['UDBA']);
  });

  it('a drill calls in the people it names but pages no rotation, unless the policy lets drills page', () => {
    const notify = { oncall: 'secondary', users: ['UMGR'], usergroup: null };
    const drill = anIncident({ type: 'drill' });
    expect(contactsOf(notify, drill, onCall, 0, noPaging)).toEqual({
      users: ['UMGR'],
      usergroup: null,
      onCallBackup: false,
    });
    expect(contactsOf(notify, drill, onCall, 0, { pageOncall: true }).users).toEqual(['UCAROL', 'UMGR']);
    expect(contactsOf(notify, anIncident({ type: 'maintenance' }), onCall, 0, noPaging).users).toEqual([
      'UCAROL',
      'UMGR',
    ]);
  });

  it("the affected services' owners (users and group) or their rotations' primaries", () => {
    const payments = {
      id: 'payments',
      name: 'Payments API',
      description: '',
      owners: { usergroup: 'S0PAYMENTS', users: ['UERIN'] },
      oncall: 'db',
      channel: null,
      runbook: null,
      dashboard: null,
      tier: null,
      dependsOn: [],
      public: null,
    };
    const none = { users: [], usergroup: null };
    expect(contactsOf({ ...none, service: 'owners' as const }, anIncident(), onCall, 0, noPaging, [payments])).toEqual({
      users: ['UERIN'],
      usergroup: 'S0PAYMENTS',
      onCallBackup: false,
    });
    expect(
      contactsOf({ ...none, service: 'oncall' as const }, anIncident(), onCall, 0, noPaging, [payments]).users,
    ).toEqual(['UDBA']);
    // An incident with no affected services: nobody, so the level is skipped.
    expect(contactsOf({ ...none, service: 'owners' as const }, anIncident(), onCall, 0, noPaging, []).users).toEqual(
      [],
    );
  });

  it('listed users, the user group and the holder of a role', () => {
    const incident = anIncident({ roles: { comms: 'UDAN' } });
    expect(
      contactsOf({ users: ['UMGR', 'UBOB'], usergroup: 'SLEAD', role: 'comms' }, incident, undefined, 0, noPaging),
    ).toEqual({
      users: ['UMGR', 'UDAN'],
      usergroup: 'SLEAD',
      onCallBackup: false,
    });
  });
});

describe('missed updates climb the ladder one level at a time', () => {
  const state = (missed: number, escalationLevel = 0) => ({ ...emptyReminder(1), missed, escalationLevel });
  it('each escalateAfterMissed unanswered reminders climb one level', () => {
    expect(climbsNow(state(1), 2)).toBe(false);
    expect(climbsNow(state(2), 2)).toBe(true);
    expect(climbsNow(state(3, 1), 2)).toBe(false);
    expect(climbsNow(state(4, 1), 2)).toBe(true);
    expect(climbsNow(state(9), null)).toBe(false);
  });
});

describe('the policy file', () => {
  const input = (escalation: unknown) => ({
    ...DEFAULT_POLICY_INPUT,
    oncall: [{ name: 'platform', users: ['UALICE', 'UBOB'], start: '2026-11-02' }],
    severities: [{ id: 'SEV1', name: 'Critical', escalation }],
  });

  it('reads a ladder of any depth in the issue’s shape', () => {
    const ladder = [
      { after: '5m', unless: 'acknowledged', notify: { oncall: 'platform.primary' } },
      { after: '15m', unless: 'acknowledged', notify: { oncall: 'platform.secondary' } },
      { after: '30m', unless: 'mitigated', notify: { users: ['U0LEAD'] } },
      { after: '60m', unless: 'mitigated', notify: { usergroup: 'S0MANAGERS' } },
      { after: '120m', unless: 'resolved', notify: { role: 'comms' } },
    ];
    expect(ladderOf(parsePolicy(input(ladder)), 'SEV1').map((l) => l.after)).toEqual(
      [5, 15, 30, 60, 120].map((m) => m * MIN),
    );
  });

  it('refuses unknown rotations, roles and unless states, and levels out of order', () => {
    expect(() => parsePolicy(input([{ after: '5m', notify: { oncall: 'nope.primary' } }]))).toThrow(
      /escalation\.0\.notify\.oncall: names no configured rotation/,
    );
    expect(() => parsePolicy(input([{ after: '5m', notify: { role: 'ghost' } }]))).toThrow(/names no configured role/);
    expect(() => parsePolicy(input([{ after: '5m', unless: 'ignored', notify: {} }]))).toThrow(/unless/);
    expect(() =>
      parsePolicy(
        input([
          { after: '30m', notify: {} },
          { after: '15m', notify: {} },
        ]),
      ),
    ).toThrow(/must not come before the level above it/);
  });

  it('the commented-out five-level ladder in commander.example.yml (runbook 004) is valid', () => {
    const example = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'commander.example.yml'), 'utf8');
    const block = /^# severities:\n(?:#.*\n)+/m.exec(example)?.[0] ?? '';
    const { severities } = YAML.parse(block.replace(/^# ?/gm, ''));
    const policy = parsePolicy({
      ...DEFAULT_POLICY_INPUT,
      oncall: [{ name: 'platform', users: ['UALICE', 'UBOB'], start: '2026-11-02' }],
      severities,
    });
    expect(ladderOf(policy, 'SEV1').map((l) => [l.name, (l.after ?? 0) / MIN])).toEqual([
      ['on-call primary', 5],
      ['on-call secondary', 15],
      ['platform lead', 30],
      ['engineering manager', 60],
      ['VP Engineering', 120],
    ]);
  });

  it('a severity written before ladders keeps its two levels: the on-call secondary, then escalateTo', () => {
    const policy = parsePolicy({
      ...DEFAULT_POLICY_INPUT,
      severities: [{ id: 'P1', name: 'P1', escalateAfterMissed: 2, escalateTo: { users: ['U0MGR'] } }],
    });
    expect(ladderOf(policy, 'P1').map((l) => [l.after, l.notify.oncall ?? l.notify.users])).toEqual([
      [null, 'secondary'],
      [null, ['U0MGR']],
    ]);
  });
});
