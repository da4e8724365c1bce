import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident } from './flows';

/**
 * One replica's side of sharing reminders: another replica's lease is respected until it runs
 * out, and a reminder taken over from a replica that died after sending it is not sent again. The
 * other replica is played by writing its lease into the database, as it would have.
 */

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
  h = await startHarness({ policy: POLICY, logLines });
});
afterEach(async () => h.stop());

const reminderDms = () =>
  h.fake
    .okCalls('chat.postMessage')
    .filter((c) => /^[DU]/.test(String(c.args.channel)) && /^reminder-/.test(c.args.metadata?.event_payload?.step));

function leaseTo(incidentId: number, owner: string, until: number) {
  h.commander.db
    .prepare('UPDATE reminders SET lease_owner = ?, lease_until = ? WHERE incident_id = ?')
    .run(owner, until, incidentId);
}

/** Undoes what completing the reminder wrote: as if its sender died right after Slack took the DM. */
function forgetCompletion(incidentId: number, before: Record<string, unknown>) {
  h.commander.db
    .prepare('UPDATE reminders SET due_at = ?, missed = ?, last_sent_at = ? WHERE incident_id = ?')
    .run(before.due_at, before.missed, before.last_sent_at, incidentId);
  h.commander.db.prepare("DELETE FROM timeline WHERE incident_id = ? AND kind = 'reminder_sent'").run(incidentId);
  leaseTo(incidentId, 'replica-that-died', h.clock.now());
}

const reminderRow = (incidentId: number) =>
  h.commander.db.prepare('SELECT * FROM reminders WHERE incident_id = ?').get(incidentId) as Record<string, unknown>;
const sentEntries = (incidentId: number) =>
  h.commander.db
    .prepare("SELECT COUNT(*) FROM timeline WHERE incident_id = ? AND kind = 'reminder_sent'")
    .pluck()
    .get(incidentId);

describe('reminders shared with other replicas', () => {
  it('a reminder another replica holds is left to it; once its lease runs out it is sent here, once, with its key', async () => {
    const { incidentId } = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Checkout down',
      commander: PEOPLE.bob,
    });
    h.clock.advance(30 * SEC);
    const dueAt = reminderRow(incidentId).due_at;
    leaseTo(incidentId, 'another-replica', h.clock.now() + 60 * SEC);
    await h.tick();
    expect(reminderDms()).toHaveLength(0);

    h.clock.advance(60 * SEC);
    await h.tick();
    await h.tick();
    expect(reminderDms().map((c) => c.args.metadata.event_payload)).toEqual([
      { incident_id: incidentId, step: `reminder-${dueAt}` },
    ]);
    expect(reminderRow(incidentId)).toMatchObject({ lease_owner: null, lease_until: null, missed: 1 });
  });

  it('taking over from a replica that died after Slack took the DM: found in the DM history, not sent again, and recorded', async () => {
    const { incidentId } = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Checkout down',
      commander: PEOPLE.bob,
    });
    h.clock.advance(30 * SEC);
    const before = reminderRow(incidentId);
    await h.tick();
    expect(reminderDms()).toHaveLength(1);
    forgetCompletion(incidentId, before);

    await h.tick();
    expect(reminderDms()).toHaveLength(1);
    // Sent to Bob's user id; Slack answered with the DM conversation the takeover then read.
    const dm = reminderDms()[0]!.response.channel;
    expect(dm).toMatch(/^D/);
    expect(h.fake.okCalls('conversations.history').some((c) => c.args.channel === dm)).toBe(true);
    expect(sentEntries(incidentId)).toBe(1);
    expect(reminderRow(incidentId)).toMatchObject({ lease_owner: null, missed: 1, due_at: h.clock.now() + 600 * SEC });
  });

  it('without the im:history scope a taken-over reminder is sent anyway, and the missing scope is logged once', async () => {
    const second = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Search slow', commander: PEOPLE.bob });
    const first = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout down', commander: PEOPLE.bob });
    h.fake.setScopes(scopesWithout('im:history'));
    h.clock.advance(30 * SEC);
    const before = [reminderRow(first.incidentId), reminderRow(second.incidentId)] as const;
    await h.tick();
    expect(reminderDms()).toHaveLength(2);
    forgetCompletion(first.incidentId, before[0]);
    forgetCompletion(second.incidentId, before[1]);

    await h.tick();
    expect(reminderDms()).toHaveLength(4);
    expect(h.fake.calls('conversations.history').filter((c) => c.error === 'missing_scope')).toHaveLength(1);
    expect(logLines.filter((l) => l.includes('"code":"missing_scope"'))).toHaveLength(1);
  });
});

/** The scopes an install from manifest.yml has, but one. */
function scopesWithout(scope: string): string[] {
  const manifest = YAML.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'manifest.yml'), 'utf8'));
  return (manifest.oauth_config.scopes.bot as string[]).filter((s) => s !== scope);
}
