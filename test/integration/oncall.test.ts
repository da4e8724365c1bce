import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries } from '../support/stored';
import { declareIncident, messageContaining, openedView } from './flows';

// The harness clock starts on Tuesday 2026-11-24 09:00 UTC. Counting weekly shifts from Monday
// 2026-11-02, that is the fourth shift: Alice's again, with Bob as secondary and Bob next.
const SEC = 1_000;
const MANAGER = 'UMANAGER01';
const HANDOFF = Date.UTC(2026, 10, 30, 9, 0) / 1000;
const platform = (over: Record<string, unknown> = {}) => ({
  name: 'platform',
  users: [PEOPLE.alice, PEOPLE.bob, PEOPLE.carol],
  start: '2026-11-02',
  ...over,
});
const SHORT_CADENCE = {
  reminders: { repeatAfter: '10s', snoozeFor: '20s', checkEvery: '1s' },
  severities: [
    {
      id: 'SEV1',
      name: 'Critical',
      updateEvery: '30s',
      escalateAfterMissed: 2,
      escalateTo: { users: [MANAGER], usergroup: 'SONCALL01' },
    },
    ...DEFAULT_POLICY_INPUT.severities.slice(1),
  ],
};

let h: Harness;
afterEach(async () => h.stop());

const replyOf = async (text: string, userId: string = PEOPLE.carol) => {
  const response = await h.user(userId).command(text);
  return { text: response.json.text as string, blocks: JSON.stringify(response.json.blocks ?? []) };
};

/** The DMs a person received from the app. */
function dmsTo(userId: string) {
  return h.fake.messages(h.fake.dmWith(userId));
}

const escalations = async () =>
  (await storedEntries(h.store, { kind: 'escalated' })).flatMap((e) => (e.kind === 'escalated' ? [e.data] : []));

describe('/incident oncall', () => {
  it('shows who is primary and secondary, the override in force, and the next hand-off as a Slack date', async () => {
    const override = { user: PEOPLE.carol, from: '2026-11-24T00:00:00Z', to: '2026-11-26T00:00:00Z' };
    h = await startHarness({ policy: { oncall: [platform({ overrides: [override] })] } });
    const reply = await replyOf('oncall');
    expect(reply.blocks).toContain(
      `Primary: <@${PEOPLE.carol}> (covering for <@${PEOPLE.alice}> until <!date^${Date.UTC(2026, 10, 26) / 1000}^`,
    );
    expect(reply.blocks).toContain(`Secondary: <@${PEOPLE.bob}>`);
    expect(reply.blocks).toContain(`Next: <@${PEOPLE.bob}> takes over <!date^${HANDOFF}^`);
  });

  it('after the override ends, the scheduled primary is back', async () => {
    const override = { user: PEOPLE.carol, from: '2026-11-23T09:00:00Z', to: '2026-11-24T09:00:00Z' };
    h = await startHarness({ policy: { oncall: [platform({ overrides: [override] })] } });
    const reply = await replyOf('oncall');
    expect(reply.blocks).toContain(`Primary: <@${PEOPLE.alice}>\\n`);
    expect(reply.blocks).not.toContain('covering for');
  });

  it('without a rotation, says how to configure one', async () => {
    h = await startHarness();
    const reply = await replyOf('oncall');
    expect(reply.text).toBe('No on-call rotation is configured.');
    expect(reply.blocks).toContain('Add an `oncall` list to the policy file (COMMANDER_CONFIG)');
  });
});

describe('declaring with a rotation', () => {
  it('pre-selects the current primary as commander instead of the declarer', async () => {
    h = await startHarness({ policy: { oncall: [platform()] } });
    await h.user(PEOPLE.carol).command('declare Checkout down');
    const view = openedView(h, 'declare_incident');
    const commander = view.view.blocks.find((b: any) => b.block_id === 'commander') as any;
    expect(commander.element.initial_user).toBe(PEOPLE.alice);
    expect(commander.hint.text).toContain('On call now for platform');
  });

  it('without a rotation, pre-selects the declarer', async () => {
    h = await startHarness();
    await h.user(PEOPLE.carol).command('declare Checkout down');
    const commander = openedView(h, 'declare_incident').view.blocks.find((b: any) => b.block_id === 'commander') as any;
    expect(commander.element.initial_user).toBe(PEOPLE.carol);
  });
});

describe('escalation with a rotation', () => {
  beforeEach(async () => {
    h = await startHarness({ policy: { ...SHORT_CADENCE, oncall: [platform()] } });
    h.fake.addUser({ id: MANAGER, name: 'manager', tz: 'UTC' });
  });

  /** The first reminder of a streak falls due 30s after the last update; each next one 10s later. */
  async function reminders(count: number, first = false) {
    for (let i = 0; i < count; i++) {
      h.clock.advance(first && i === 0 ? 30 * SEC : 10 * SEC);
      await h.tick();
    }
  }

  it('calls in the on-call secondary first, then the escalation contacts, each named in the channel and on the timeline', async () => {
    // Carol declares; the form pre-selects Alice, the primary, as commander.
    const incident = await declareIncident(h, h.user(PEOPLE.carol), { title: 'Nobody home' });
    expect((await h.commander.incidents.get(incident.incidentId))?.commanderId).toBe(PEOPLE.alice);

    await reminders(2, true);
    expect(dmsTo(PEOPLE.bob)).toHaveLength(0);
    await reminders(1); // the third reminder: two went unanswered
    expect(dmsTo(PEOPLE.bob)).toHaveLength(1);
    expect(JSON.stringify(dmsTo(PEOPLE.bob)[0]?.blocks)).toContain('You are on call as backup and are being called in');
    expect(JSON.stringify(messageContaining(h, incident.channelId, 'Escalated')?.blocks)).toContain(
      `Escalated* to the on-call backup <@${PEOPLE.bob}>`,
    );
    expect(dmsTo(MANAGER)).toHaveLength(0);

    await reminders(1);
    expect(dmsTo(MANAGER)).toHaveLength(0);
    await reminders(1); // the fifth: four went unanswered
    expect(dmsTo(MANAGER)).toHaveLength(1);
    expect(JSON.stringify(dmsTo(MANAGER)[0]?.blocks)).toContain('You are being called in');
    const note = JSON.stringify(messageContaining(h, incident.channelId, `<@${MANAGER}>`)?.blocks);
    expect(note).toContain('<!subteam^SONCALL01>');

    await reminders(3);
    expect(dmsTo(PEOPLE.bob)).toHaveLength(1);
    expect(dmsTo(MANAGER)).toHaveLength(1);
    expect(await escalations()).toEqual([
      expect.objectContaining({ level: 'secondary', users: [PEOPLE.bob], missed: 2 }),
      expect.objectContaining({ level: 'manager', users: [MANAGER], usergroup: 'SONCALL01', missed: 4 }),
    ]);
  });

  it('remembers how far the ladder has been climbed across a restart; each level is called in once per incident', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.carol), { title: 'Restarted' });
    await reminders(3, true);
    expect(dmsTo(PEOPLE.bob)).toHaveLength(1);

    await h.restart();
    await reminders(2);
    expect(dmsTo(PEOPLE.bob)).toHaveLength(1);
    expect(dmsTo(MANAGER)).toHaveLength(1);

    await h.user(PEOPLE.alice).command('update', incident.channelId);
    await h.user(PEOPLE.alice).submit(openedView(h, 'post_update'), { status: 'identified', summary: 'Found it' });
    // A new streak of missed updates climbs from where the ladder stands: both levels have fired.
    await reminders(5, true);
    expect(dmsTo(PEOPLE.bob)).toHaveLength(1);
    expect(dmsTo(MANAGER)).toHaveLength(1);
    expect((await escalations()).map((e) => e.level)).toEqual(['secondary', 'manager']);
  });
});
