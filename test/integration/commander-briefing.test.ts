import { APP_ENGINES, appDatabase, forceRows } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident, openedView } from './flows';

const MINUTE = 60_000;

describe.each(APP_ENGINES)("a new commander's briefing (%s)", (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ ...(await database.options()) });
  });
  afterEach(async () => h.stop());

  /** The briefings a person got by DM. */
  const briefingsTo = (userId: string) =>
    h.fake
      .messages(h.fake.dmWith(userId))
      .filter((m) => JSON.stringify(m.blocks ?? []).includes('You are now the commander of'));
  const briefedEntries = async (incidentId: number) =>
    (await h.store.timeline.list(incidentId)).filter((e) => e.kind === 'commander_briefed');

  it('`/incident assign commander` gives the new commander one DM from the timeline (status, the last hour, open follow-ups, the next escalation and update), on the timeline; a redelivered command, a restart or a takeover sends no second', async () => {
    const { channelId, incidentId } = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Checkout errors',
      commander: PEOPLE.alice,
    });
    h.clock.advance(20 * MINUTE);
    await h.user(PEOPLE.alice).command(`followup Roll back the <canary> <@${PEOPLE.carol}|carol>`, channelId);
    h.clock.advance(50 * MINUTE);
    await h.user(PEOPLE.alice).command('note Traffic shifted to eu-west', channelId);
    h.clock.advance(5 * MINUTE);

    const assigned = await h.user(PEOPLE.alice).command(`assign commander <@${PEOPLE.bob}|bob>`, channelId);
    const [dm, ...more] = briefingsTo(PEOPLE.bob);
    expect(more).toHaveLength(0);
    const text = JSON.stringify(dm?.blocks);
    expect(text).toContain(`You are now the commander of #${incidentId}`);
    expect(text).toContain('Checkout errors');
    expect(text).toContain('*Status*: ');
    expect(text).toContain('Investigating');
    expect(text).toContain('An update is overdue: it was due <!date^');
    expect(text).toMatch(/Next escalation: .+ <!date\^|No escalation is planned/);
    // The last hour: the follow-up (55 minutes ago), the note and the change of commander, not the declaration (75 minutes ago).
    const lastHour = (dm?.blocks ?? [])
      .map((b: any) => b.text?.text ?? '')
      .find((t: string) => t.startsWith('*What changed in the last hour*'));
    expect(lastHour).toContain('Follow-up: Roll back the &lt;canary&gt;');
    expect(lastHour).toContain('Traffic shifted to eu-west');
    expect(lastHour).toContain(`Incident commander: <@${PEOPLE.bob}> (was <@${PEOPLE.alice}>)`);
    expect(lastHour).not.toContain('Declared');
    // Open follow-ups, what people typed escaped.
    expect(text).toContain('*Open follow-ups*\\n• Roll back the &lt;canary&gt;');
    expect(text).toContain(`<@${PEOPLE.carol}>`);
    const entries = await briefedEntries(incidentId);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.data).toMatchObject({ to: PEOPLE.bob });

    // Slack redelivers the command: the commander is Bob already, nothing changes, nothing is sent.
    await h.user(PEOPLE.alice).command(`assign commander <@${PEOPLE.bob}|bob>`, channelId, undefined, {
      triggerId: assigned.triggerId,
      responseUrl: assigned.responseUrl,
    });
    await h.tick();
    await h.restart();
    await h.tick();
    expect(briefingsTo(PEOPLE.bob)).toHaveLength(1);

    // A replica that sent the DM and crashed before recording it: the next one finds the DM.
    await forceRows(
      h,
      'UPDATE commander_briefings SET due_at = assigned_at, sent_at = NULL, lease_owner = ?, lease_until = ?',
      'crashed-replica',
      h.clock.now() - 1,
    );
    await h.tick();
    expect(briefingsTo(PEOPLE.bob)).toHaveLength(1);
    expect(await briefedEntries(incidentId)).toHaveLength(1);
  });

  it('the Assign role form briefs the new commander too; a DM Slack refused at the change goes out once at the next tick', async () => {
    const { incidentId, channelId } = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Queue backlog',
      commander: PEOPLE.alice,
    });
    h.fake.fail('chat.postMessage', { error: 'fatal_error' }, 1, (args) =>
      JSON.stringify(args.blocks ?? '').includes('You are now the commander of'),
    );
    await h.user(PEOPLE.alice).click(h.fake.messages(channelId)[0]!, 'incident_open_assign');
    await h.user(PEOPLE.alice).submit(openedView(h, 'assign_role'), { role: 'commander', person: PEOPLE.carol });
    expect((await h.store.incidents.get(incidentId))?.commanderId).toBe(PEOPLE.carol);
    expect(briefingsTo(PEOPLE.carol)).toHaveLength(0);

    await h.tick();
    await h.tick();
    expect(briefingsTo(PEOPLE.carol)).toHaveLength(1);
    expect(await briefedEntries(incidentId)).toHaveLength(1);
    // Another role is no change of commander: no briefing.
    await h.user(PEOPLE.carol).command(`assign comms <@${PEOPLE.bob}|bob>`, channelId);
    await h.tick();
    expect((await h.store.incidents.get(incidentId))?.roles.comms).toBe(PEOPLE.bob);
    expect(briefingsTo(PEOPLE.bob)).toHaveLength(0);
  });
});
