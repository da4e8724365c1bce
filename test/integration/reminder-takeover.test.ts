import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import type { ReminderState } from '../../src/reminders/reminder.types';
import { APP_ENGINES, appDatabase, forceRows } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries } from '../support/stored';
import { declareIncident } from './flows';

/**
 * One replica's side of sharing reminders: another replica's lease is respected until it runs
 * out, and a reminder taken over from a replica that died after sending it is not sent again. The
 * other replica is played by taking the lease through the store, as it would have.
 */
describe.each(APP_ENGINES)('on %s', (engine) => {
  const database = appDatabase(engine);

  const SEC = 1_000;
  const POLICY = {
    leaseFor: '1m',
    reminders: { repeatAfter: '10m', snoozeFor: '20s', checkEvery: '1s' },
    severities: [{ id: 'SEV1', name: 'Critical', updateEvery: '30s' }, ...DEFAULT_POLICY_INPUT.severities.slice(1)],
  };

  let h: Harness;
  let logLines: string[];
  beforeEach(async () => {
    logLines = [];
    h = await startHarness({ policy: POLICY, logLines, ...(await database.options()) });
  });
  afterEach(async () => h.stop());

  const reminderDms = () =>
    h.fake
      .okCalls('chat.postMessage')
      .filter((c) => /^[DU]/.test(String(c.args.channel)) && /^reminder-/.test(c.args.metadata?.event_payload?.step));

  async function leaseTo(incidentId: number, owner: string, until: number) {
    expect(await h.store.leases.claim('reminder', incidentId, h.clock.now(), { owner, until })).not.toBeNull();
  }

  /** Undoes what completing the reminder wrote: as if its sender died right after Slack took the DM. */
  async function forgetCompletion(incidentId: number, before: ReminderState) {
    const now = (await h.store.reminders.get(incidentId))!;
    await h.store.reminders.save({ ...now, dueAt: before.dueAt, missed: before.missed, lastSentAt: before.lastSentAt });
    // An entry its sender never wrote: no repository removes one (removing keeps it, marked).
    await forceRows(h, "DELETE FROM timeline WHERE incident_id = ? AND kind = 'reminder_sent'", incidentId);
    await leaseTo(incidentId, 'replica-that-died', h.clock.now());
  }

  const reminderRow = async (incidentId: number) => (await h.store.reminders.get(incidentId))!;
  const leaseHolder = (incidentId: number) => h.store.leases.holder('reminder', incidentId);
  const sentEntries = async (incidentId: number) =>
    (await storedEntries(h.store, { incidentId, kind: 'reminder_sent' })).length;

  describe('reminders shared with other replicas', () => {
    it('a reminder another replica holds is left to it; once its lease runs out it is sent here, once, with its key', async () => {
      const { incidentId } = await declareIncident(h, h.user(PEOPLE.alice), {
        title: 'Checkout down',
        commander: PEOPLE.bob,
      });
      h.clock.advance(30 * SEC);
      const dueAt = (await reminderRow(incidentId)).dueAt;
      await leaseTo(incidentId, 'another-replica', h.clock.now() + 60 * SEC);
      await h.tick();
      expect(reminderDms()).toHaveLength(0);

      h.clock.advance(60 * SEC);
      await h.tick();
      await h.tick();
      expect(reminderDms().map((c) => c.args.metadata.event_payload)).toEqual([
        { incident_id: incidentId, step: `reminder-${dueAt}` },
      ]);
      expect(await leaseHolder(incidentId)).toBeNull();
      expect(await reminderRow(incidentId)).toMatchObject({ missed: 1 });
    });

    it('taking over from a replica that died after Slack took the DM: found in the DM history, not sent again, and recorded', async () => {
      const { incidentId } = await declareIncident(h, h.user(PEOPLE.alice), {
        title: 'Checkout down',
        commander: PEOPLE.bob,
      });
      h.clock.advance(30 * SEC);
      const before = await reminderRow(incidentId);
      await h.tick();
      expect(reminderDms()).toHaveLength(1);
      await forgetCompletion(incidentId, before);

      await h.tick();
      expect(reminderDms()).toHaveLength(1);
      // Sent to Bob's user id; Slack answered with the DM conversation the takeover then read.
      const dm = reminderDms()[0]!.response.channel;
      expect(dm).toMatch(/^D/);
      expect(h.fake.okCalls('conversations.history').some((c) => c.args.channel === dm)).toBe(true);
      expect(await sentEntries(incidentId)).toBe(1);
      expect(await leaseHolder(incidentId)).toBeNull();
      expect(await reminderRow(incidentId)).toMatchObject({ missed: 1, dueAt: h.clock.now() + 600 * SEC });
    });

    it('without the im:history scope a taken-over reminder is sent anyway, and the missing scope is logged once', async () => {
      const second = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Search slow', commander: PEOPLE.bob });
      const first = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout down', commander: PEOPLE.bob });
      h.fake.setScopes(scopesWithout('im:history'));
      h.clock.advance(30 * SEC);
      const before = [await reminderRow(first.incidentId), await reminderRow(second.incidentId)] as const;
      await h.tick();
      expect(reminderDms()).toHaveLength(2);
      await forgetCompletion(first.incidentId, before[0]);
      await forgetCompletion(second.incidentId, before[1]);

      await h.tick();
      expect(reminderDms()).toHaveLength(4);
      expect(h.fake.calls('conversations.history').filter((c) => c.error === 'missing_scope')).toHaveLength(1);
      expect(logLines.filter((l) => l.includes('"code":"missing_scope"'))).toHaveLength(1);
    });
  });
});

/** The scopes an install from manifest.yml has, but one. */
function scopesWithout(scope: string): string[] {
  const manifest = YAML.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'manifest.yml'), 'utf8'));
  return (manifest.oauth_config.scopes.bot as string[]).filter((s) => s !== scope);
}
