import { ManualClock } from '../support/manual-clock';
import { parsePolicy } from '../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { createIncidentsService } from '../../src/incidents/incidents.service';
import { createJobRunner } from '../../src/timers/runner';
import { leaseHolderOf } from '../../src/timers/lease-holder';
import { createLogger } from '../../src/logger';
import { allOf } from '../../src/incidents/after-change';
import { planEscalation } from '../../src/escalations/escalation-clock';
import type { EscalationNotifier } from '../../src/escalations/escalation.port';
import { createEscalationsService } from '../../src/escalations/escalations.service';
import type { ReminderNotifier } from '../../src/reminders/reminder.port';
import { planReminders } from '../../src/reminders/plan';
import { createRemindersService } from '../../src/reminders/reminders.service';
import { toChatError } from '../../src/slack/adapters/slack-errors';
import { createStore } from '../../src/store';
import { openDatabase } from '../../src/store/sqlite/db';
import { migrate } from '../../src/store/sqlite/migrate';
import { inMemoryConversation } from './incidents/in-memory-conversation';
import { plainRecorder } from '../support/recorder';

const SEC = 1_000;
const policy = parsePolicy({
  ...DEFAULT_POLICY_INPUT,
  reminders: { repeatAfter: '10s', snoozeFor: '20s', checkEvery: '1s' },
  severities: [
    {
      id: 'SEV1',
      name: 'Critical',
      updateEvery: '30s',
      escalateAfterMissed: 2,
      escalateTo: { users: ['UMANAGER'], usergroup: 'SONCALL' },
    },
    { id: 'SEV2', name: 'High', updateEvery: '60s' },
    { id: 'SEV4', name: 'Low', updateEvery: null },
  ],
});

function platformError(code: string) {
  return Object.assign(new Error(code), { code: 'slack_webapi_platform_error', data: { ok: false, error: code } });
}

function setup() {
  const db = openDatabase(':memory:');
  migrate(db);
  const store = createStore(db);
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0));
  const logger = createLogger('silent');
  const sent: Array<{ kind: string; incidentId: number; to?: string; n: number }> = [];
  const failures: unknown[] = [];
  const notifier: ReminderNotifier = {
    async remindCommander(incident, notice) {
      const failure = failures.shift();
      if (failure) throw toChatError(failure);
      sent.push({ kind: 'dm', incidentId: incident.id, to: incident.commanderId, n: notice.reminderNumber });
    },
    async postOverdueNote(incident, notice) {
      sent.push({ kind: 'note', incidentId: incident.id, n: notice.reminderNumber });
    },
  };
  const escalationNotifier: EscalationNotifier = {
    askToAcknowledge: async () => undefined,
    postAcknowledgementOverdue: async () => undefined,
    remindComms: async () => undefined,
    refreshSummary: async () => undefined,
    async callIn(incident, contacts, briefing) {
      sent.push({ kind: 'escalate', incidentId: incident.id, to: contacts.users.join(','), n: briefing.missed + 1 });
    },
  };
  const incidents = createIncidentsService({
    store,
    recorder: plainRecorder,
    conversation: inMemoryConversation().port,
    policy,
    clock,
    logger,
    afterChange: allOf(planReminders({ policy, recorder: plainRecorder }), planEscalation({ policy })),
  });
  const authorize = (incidentId: number, userId: string) =>
    incidents.requireAccess(incidentId, userId, { need: 'change', open: true });
  const escalations = createEscalationsService({
    store,
    recorder: plainRecorder,
    notifier: escalationNotifier,
    policy,
    clock,
    logger,
    authorize,
  });
  // A runner per service, as each process has one: the scheduler's tick runs the reminders job.
  const make = () => {
    const service = createRemindersService({
      store,
      recorder: plainRecorder,
      notifier,
      policy,
      clock,
      logger,
      authorize,
      climb: escalations.climb,
    });
    const runner = createJobRunner({ store, clock, lease: leaseHolderOf(policy), logger });
    return { ...service, tick: () => runner.run(service.job) };
  };
  const declare = async (severity = 'SEV1') =>
    (
      await incidents.declare({
        key: `V${Math.random()}`,
        title: 'Down',
        severity,
        impact: '',
        commanderId: 'UBOB',
        declaredBy: 'UALICE',
      })
    ).incident;
  const kinds = async (incidentId: number) =>
    (await store.timeline.list(incidentId))
      .map((e) => e.kind)
      .filter((k) => k.startsWith('reminder') || k.startsWith('escalat'));
  return { store, clock, sent, failures, incidents, reminders: make(), make, declare, kinds };
}

describe('reminders', () => {
  it('nothing is sent before the update is due, one DM and one channel note when it is', async () => {
    const t = setup();
    const incident = await t.declare();
    t.clock.advance(29 * SEC);
    expect(await t.reminders.tick()).toBe(0);
    t.clock.advance(1 * SEC);
    expect(await t.reminders.tick()).toBe(1);
    expect(t.sent).toEqual([
      { kind: 'dm', incidentId: incident.id, to: 'UBOB', n: 1 },
      { kind: 'note', incidentId: incident.id, n: 1 },
    ]);
    expect(await t.reminders.tick()).toBe(0);
    expect(await t.kinds(incident.id)).toEqual(['reminder_sent']);
  });

  it('overlapping ticks send a due reminder once', async () => {
    const t = setup();
    await t.declare();
    t.clock.advance(31 * SEC);
    const other = t.make();
    await Promise.all([t.reminders.tick(), t.reminders.tick(), other.tick()]);
    expect(t.sent.filter((s) => s.kind === 'dm')).toHaveLength(1);
  });

  it('an update answers the reminder and moves the next one a full cadence out', async () => {
    const t = setup();
    const incident = await t.declare();
    t.clock.advance(31 * SEC);
    await t.reminders.tick();
    await t.incidents.postUpdate({
      incidentId: incident.id,
      key: 'U1',
      status: 'identified',
      summary: 's',
      impact: '',
      nextSteps: '',
      authorId: 'UBOB',
    });
    t.clock.advance(29 * SEC);
    expect(await t.reminders.tick()).toBe(0);
    t.clock.advance(1 * SEC);
    expect(await t.reminders.tick()).toBe(1);
    expect(t.sent.filter((s) => s.kind === 'dm').map((s) => s.n)).toEqual([1, 1]);
    expect(await t.kinds(incident.id)).toEqual(['reminder_sent', 'reminder_answered', 'reminder_sent']);
  });

  it('repeats unanswered reminders and escalates after the configured misses, once', async () => {
    const t = setup();
    const incident = await t.declare();
    for (let i = 0; i < 4; i++) {
      t.clock.advance(i === 0 ? 30 * SEC : 10 * SEC);
      await t.reminders.tick();
    }
    expect(t.sent.map((s) => `${s.kind}${s.n}`)).toEqual(['dm1', 'note1', 'dm2', 'dm3', 'escalate3', 'dm4']);
    expect(t.sent.find((s) => s.kind === 'escalate')?.to).toBe('UMANAGER');
    expect(await t.kinds(incident.id)).toEqual([
      'reminder_sent',
      'reminder_sent',
      'reminder_sent',
      'escalated',
      'reminder_sent',
    ]);
  });

  it('snooze postpones the next reminder but not escalation: the streak goes on', async () => {
    const t = setup();
    const incident = await t.declare();
    t.clock.advance(30 * SEC);
    await t.reminders.tick();
    await t.reminders.snooze(incident.id, 'UBOB');
    t.clock.advance(19 * SEC);
    expect(await t.reminders.tick()).toBe(0);
    t.clock.advance(1 * SEC);
    await t.reminders.tick();
    t.clock.advance(10 * SEC);
    await t.reminders.tick();
    expect(t.sent.filter((s) => s.kind === 'escalate')).toHaveLength(1);
    expect(await t.kinds(incident.id)).toEqual([
      'reminder_sent',
      'reminder_snoozed',
      'reminder_sent',
      'reminder_sent',
      'escalated',
    ]);
  });

  it('snoozes run out after reminders.maxSnoozes in a streak; an update gives them back', async () => {
    const t = setup();
    const incident = await t.declare();
    t.clock.advance(30 * SEC);
    await t.reminders.tick();
    await t.reminders.snooze(incident.id, 'UBOB');
    await t.reminders.snooze(incident.id, 'UBOB');
    await expect(t.reminders.snooze(incident.id, 'UBOB')).rejects.toThrow(/snoozed 2 times already/);
    await t.incidents.postUpdate({
      incidentId: incident.id,
      key: 'U1',
      status: 'identified',
      summary: 's',
      impact: '',
      nextSteps: '',
      authorId: 'UBOB',
    });
    await expect(t.reminders.snooze(incident.id, 'UBOB')).resolves.toBeGreaterThan(0);
  });

  it('resolving cancels all reminders', async () => {
    const t = setup();
    const incident = await t.declare();
    await t.incidents.resolve({
      incidentId: incident.id,
      key: 'R',
      resolution: 'done',
      rootCause: '',
      authorId: 'UBOB',
    });
    t.clock.advance(10 * 60 * SEC);
    expect(await t.reminders.tick()).toBe(0);
    expect((await t.reminders.state(incident.id))?.dueAt).toBeNull();
  });

  it('a severity without cadence never reminds', async () => {
    const t = setup();
    await t.declare('SEV4');
    t.clock.advance(24 * 3600 * SEC);
    expect(await t.reminders.tick()).toBe(0);
  });

  it('after downtime an overdue reminder is sent once, not once per missed interval', async () => {
    const t = setup();
    await t.declare();
    t.clock.advance(10 * 60 * SEC);
    const restarted = t.make();
    expect(await restarted.tick()).toBe(1);
    expect(await restarted.tick()).toBe(0);
    expect(t.sent.filter((s) => s.kind === 'dm')).toHaveLength(1);
  });

  it('retries a send that failed for a passing reason, with backoff, and does not count it', async () => {
    const t = setup();
    const incident = await t.declare();
    t.failures.push(Object.assign(new Error('500'), { code: 'slack_webapi_http_error' }));
    t.clock.advance(30 * SEC);
    expect(await t.reminders.tick()).toBe(0);
    expect(await t.reminders.state(incident.id)).toMatchObject({
      missed: 0,
      failures: 1,
      lastError: 'slack_webapi_http_error',
    });
    t.clock.advance(29 * SEC);
    expect(await t.reminders.tick()).toBe(0);
    t.clock.advance(1 * SEC);
    expect(await t.reminders.tick()).toBe(1);
    expect(t.sent.filter((s) => s.kind === 'dm').map((s) => s.n)).toEqual([1]);
  });

  it('a send Slack rate-limited waits as long as Slack asked, when that is longer than the backoff', async () => {
    const t = setup();
    const incident = await t.declare();
    t.failures.push(Object.assign(new Error('429'), { code: 'slack_webapi_rate_limited_error', retryAfter: 120 }));
    t.clock.advance(30 * SEC);
    expect(await t.reminders.tick()).toBe(0);
    expect(await t.reminders.state(incident.id)).toMatchObject({ failures: 1 });
    // The backoff alone would try again after 30 s; Slack's Retry-After said 120 s.
    t.clock.advance(30 * SEC);
    expect(await t.reminders.tick()).toBe(0);
    t.clock.advance(89 * SEC);
    expect(await t.reminders.tick()).toBe(0);
    t.clock.advance(1 * SEC);
    expect(await t.reminders.tick()).toBe(1);
  });

  it('records a permanent refusal once and keeps the streak going towards escalation', async () => {
    const t = setup();
    const incident = await t.declare();
    t.failures.push(platformError('user_not_found'), platformError('user_not_found'));
    t.clock.advance(30 * SEC);
    await t.reminders.tick();
    t.clock.advance(10 * SEC);
    await t.reminders.tick();
    t.clock.advance(10 * SEC);
    await t.reminders.tick();
    expect(await t.kinds(incident.id)).toEqual(['reminder_failed', 'reminder_failed', 'reminder_sent', 'escalated']);
  });

  it('a handed-over commander gets the next reminder, the old one none', async () => {
    const t = setup();
    const incident = await t.declare();
    await t.store.incidents.update(incident.id, { commanderId: 'UCAROL' });
    t.clock.advance(30 * SEC);
    await t.reminders.tick();
    expect(t.sent.filter((s) => s.kind === 'dm').map((s) => s.to)).toEqual(['UCAROL']);
  });

  it('snoozing a resolved incident is refused', async () => {
    const t = setup();
    const incident = await t.declare();
    await t.incidents.resolve({
      incidentId: incident.id,
      key: 'R',
      resolution: 'done',
      rootCause: '',
      authorId: 'UBOB',
    });
    await expect(t.reminders.snooze(incident.id, 'UBOB')).rejects.toThrow('Incident #1 is already resolved.');
  });

  it('snoozing is refused to someone who may not change the incident, and the reminders stay due', async () => {
    const t = setup();
    const incident = await t.declare();
    t.clock.advance(30 * SEC);
    await expect(t.reminders.snooze(incident.id, 'UMALLORY')).rejects.toThrow(/^Only members of/);
    expect(await t.reminders.tick()).toBe(1);
    expect(await t.kinds(incident.id)).not.toContain('reminder_snoozed');
  });
});
