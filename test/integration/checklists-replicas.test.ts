import { attachChecklist } from '../../src/checklists/attach';
import { parsePolicy } from '../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { plainEntryLine } from '../../src/postmortem/entry-text';
import { slackText } from '../../src/slack/text/slack-text';
import { createRecorder } from '../../src/timeline/record';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { freshPostgresDatabase, postgresOff } from '../support/postgres';
import { storedEntries } from '../support/stored';
import { openedView } from './flows';

const POLICY = {
  services: [{ id: 'payments', name: 'Payments API' }],
  checklists: {
    lists: [
      {
        id: 'payments-sev1',
        title: 'Payments SEV1',
        when: { severity: 'SEV1', service: 'payments' },
        items: [{ text: 'Tell Customer Success', role: 'comms', required: true }],
      },
      { id: 'bridge', title: 'Bridge', when: { severity: 'SEV4' }, items: [{ text: 'Open the bridge' }] },
    ],
  },
};

/** Two Commanders on one PostgreSQL database and one fake Slack, as two replicas. */
(postgresOff() ? describe.skip : describe)('checklists with two replicas on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let one: Harness;
  let two: Harness;
  beforeAll(async () => {
    database = await freshPostgresDatabase();
  });
  afterAll(async () => database?.close());
  afterEach(async () => {
    await two?.stop();
    await one?.stop();
  });

  it('changing the severity on both at once attaches the SEV1 list once', async () => {
    one = await startHarness({ policy: POLICY, databaseUrl: database.url });
    two = await startHarness({ policy: POLICY, databaseUrl: database.url, fake: one.fake });
    await one.user(PEOPLE.alice).command('declare Card payments failing');
    await one.user(PEOPLE.alice).submit(openedView(one, 'declare_incident'), {
      severity: 'SEV2',
      impact: 'Checkouts fail',
      commander: PEOPLE.bob,
      services: 'payments',
    });
    await one.commander.idle();
    const incident = (await one.store.incidents.findByChannel(
      one.fake.okCalls('conversations.create')[0]!.response.channel.id,
    ))!;

    for (let round = 0; round < 3; round++) {
      const to = round % 2 === 0 ? 'SEV1' : 'SEV2';
      await Promise.all([
        one.user(PEOPLE.bob).command(`severity ${to}`, incident.channelId!),
        two.user(PEOPLE.alice).command(`severity ${to}`, incident.channelId!),
      ]);
    }
    await Promise.all([one.commander.idle(), two.commander.idle()]);
    const entries = await storedEntries(one.store, { incidentId: incident.id, kind: 'checklist_attached' });
    expect(entries.map((e) => e.data)).toEqual([{ listId: 'payments-sev1', title: 'Payments SEV1', items: 1 }]);
    expect(await one.store.checklists.itemsOf(incident.id)).toHaveLength(1);

    // Both replicas attaching the same list at the same moment, as a rule and the condition could: one does.
    const policy = parsePolicy({ ...DEFAULT_POLICY_INPUT, ...POLICY });
    const recorder = createRecorder({ line: plainEntryLine(slackText) });
    const by = { at: one.clock.now(), actorId: null };
    const results = await Promise.all(
      [one, two, one, two].map((h) =>
        h.store.transaction((tx) => attachChecklist({ policy, recorder }, tx, incident.id, 'bridge', by)),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await one.store.checklists.listsOf(incident.id)).map((l) => l.listId).sort()).toEqual([
      'bridge',
      'payments-sev1',
    ]);
    expect(await storedEntries(one.store, { incidentId: incident.id, kind: 'checklist_attached' })).toHaveLength(2);

    // Each replica brings the one message up to date; it is posted once.
    await one.tick();
    await two.tick();
    const posts = one.fake
      .okCalls('chat.postMessage')
      .filter((c) => c.args.metadata?.event_payload?.step === 'checklists');
    expect(posts).toHaveLength(1);
  }, 60_000);
});
