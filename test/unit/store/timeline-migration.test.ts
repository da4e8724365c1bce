import { parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';
import { createPostmortemRenderer, joined } from '../../../src/postmortem/postmortem.service';
import { timelineEntryText } from '../../../src/slack/blocks/timeline-entry-text';
import { slackText } from '../../../src/slack/text/slack-text';
import { createStore } from '../../../src/store';
import { openDatabase } from '../../../src/store/sqlite/db';
import { migrate, readMigrations } from '../../../src/store/sqlite/migrate';
import { ManualClock } from '../../support/manual-clock';

const T0 = Date.UTC(2026, 0, 5, 9, 0);
const MIN = 60_000;

/** A database as the migrations before this one left it, with rows written the way Commander wrote them then: sentences. */
function legacyDatabase() {
  const db = openDatabase(':memory:');
  const all = readMigrations();
  migrate(
    db,
    all.slice(
      0,
      all.findIndex((m) => m.version.endsWith('_timeline_entries_as_data')),
    ),
  );
  db.prepare(
    "INSERT INTO incidents (id, declare_key, title, severity, status, impact, commander_id, declared_by, declared_at, channel_id, channel_name) VALUES (1, 'k', 'Checkout down', 'SEV1', 'identified', 'EU', 'UBOB', 'UALICE', ?, 'C1', 'inc-1-checkout')",
  ).run(T0);
  db.prepare(
    "INSERT INTO status_updates (id, incident_id, request_key, status, summary, author_id, posted_at) VALUES (7, 1, 'u', 'identified', 'Bad deploy', 'UBOB', ?)",
  ).run(T0 + 5 * MIN);
  db.prepare(
    "INSERT INTO followups (id, incident_id, text, owner_id, created_by, created_at) VALUES (3, 1, 'Add a canary', 'UCAROL', 'UBOB', ?)",
  ).run(T0 + 9 * MIN);
  const row = db.prepare(
    'INSERT INTO timeline (incident_id, at, kind, actor_id, text, data) VALUES (1, ?, ?, ?, ?, ?)',
  );
  const rows: Array<[number, string, string | null, string, object | null]> = [
    [
      0,
      'declared',
      'UALICE',
      'Declared SEV1 "Checkout down" with <@UBOB> as commander',
      { severity: 'SEV1', commanderId: 'UBOB', impact: 'EU', private: false },
    ],
    [0, 'channel_created', null, 'Channel #inc-1-checkout created', { channelId: 'C1', channelName: 'inc-1-checkout' }],
    [2, 'note', 'UBOB', 'Paged <@UCAROL> &amp; <https://status.example|status page>', null],
    [
      5,
      'status_update',
      'UBOB',
      'Identified: Bad deploy',
      { from: 'investigating', to: 'identified', impact: '', nextSteps: '', updateId: 7 },
    ],
    [6, 'role_assigned', 'UBOB', 'Scribe: <@UCAROL>', { role: 'scribe', from: null, to: 'UCAROL' }],
    [20, 'reminder_sent', null, 'Reminder 1 sent to <@UBOB>: no update for 15m', { to: 'UBOB', reminder: 1 }],
    [21, 'escalated', null, 'Escalated to <@UDAN>', { users: ['UDAN'], usergroup: null, missed: 2 }],
    [22, 'reminder_snoozed', 'UBOB', 'Reminders snoozed for 30m', { until: T0 + 52 * MIN }],
    [9, 'followup_added', 'UBOB', 'Follow-up: Add a canary (owner <@UCAROL>)', { followupId: 3, ownerId: 'UCAROL' }],
    [30, 'archived', null, 'Channel archived', null],
  ];
  for (const [minutes, kind, actor, text, data] of rows)
    row.run(T0 + minutes * MIN, kind, actor, text, data === null ? null : JSON.stringify(data));
  migrate(db, all);
  return db;
}

describe('migration 0007: timeline entries as data', () => {
  it('gives rows written as sentences the data they are now shown from, so they read as before', async () => {
    const db = legacyDatabase();
    const store = createStore(db);
    const lines = (await store.timeline.list(1)).map((e) => timelineEntryText(e));
    expect(lines).toEqual([
      'Declared SEV1 "Checkout down" with <@UBOB> as commander',
      'Channel #inc-1-checkout created',
      'Paged <@UCAROL> &amp; <https://status.example|status page>',
      'Identified: Bad deploy',
      'Scribe: <@UCAROL>',
      'Follow-up: Add a canary (owner <@UCAROL>)',
      'Reminder 1 sent to <@UBOB>: no update for 15m',
      'Escalated to <@UDAN>',
      'Reminders snoozed for 30m',
      'Channel archived',
    ]);
  });

  it('leaves old rows readable in the postmortem, mentions as names', async () => {
    const db = legacyDatabase();
    const store = createStore(db);
    await store.people.remember('UCAROL', 'carol', T0);
    const policy = parsePolicy(DEFAULT_POLICY_INPUT);
    const markdown = await joined(
      await createPostmortemRenderer({ store, policy, clock: new ManualClock(T0 + 60 * MIN), chat: slackText }).render(
        1,
      ),
    );
    expect(markdown).toContain('Paged @carol & status page (https://status.example)');
    expect(markdown).toContain('Follow-up: Add a canary (owner @carol)');
    expect(markdown).toContain('Scribe: @carol');
  });
});
