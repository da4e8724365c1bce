import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { ANNOUNCE_CHANNEL, type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries, storedIncidents } from '../support/stored';
import { declareIncident, messageContaining, openedView } from './flows';

let h: Harness;
afterEach(async () => h?.stop());

describe.each(APP_ENGINES)('declaring an incident on %s', (engine) => {
  const database = appDatabase(engine);
  beforeEach(async () => {
    h = await startHarness(await database.options());
  });

  it('/incident declare opens a modal with the title as typed, the ladder and the declarer as commander', async () => {
    const response = await h.user(PEOPLE.alice).command('declare Checkout errors &amp; timeouts');
    expect(response.status).toBe(200);
    const view = openedView(h, 'declare_incident').view;
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('"initial_value":"Checkout errors & timeouts"');
    expect(json).toContain(`"initial_user":"${PEOPLE.alice}"`);
    expect(json).toContain('SEV1 · Critical');
    expect(json).toContain('Service down, data loss or security breach');
  });

  it('creates the channel, invites declarer and commander, sets the topic, pins the kick-off and announces', async () => {
    const alice = h.user(PEOPLE.alice);
    const incident = await declareIncident(h, alice, { title: 'Checkout errors', commander: PEOPLE.bob });

    expect(incident.channelName).toBe('inc-1-checkout-errors');
    const channel = h.fake.channel(incident.channelId)!;
    expect([...channel.members]).toEqual(expect.arrayContaining([PEOPLE.alice, PEOPLE.bob]));
    expect(channel.topic).toBe(`SEV1 · Critical | Investigating | Commander <@${PEOPLE.bob}> | Checkout errors`);

    const kickoff = messageContaining(h, incident.channelId, 'incident_open_update');
    expect(kickoff).toBeDefined();
    expect(channel.pins.has(kickoff!.ts)).toBe(true);
    const kickoffJson = JSON.stringify(kickoff!.blocks);
    for (const part of [
      'Checkout errors',
      'SEV1 · Critical',
      'Investigating',
      `<@${PEOPLE.bob}>`,
      'Customers see errors at checkout',
      'incident_open_resolve',
    ]) {
      expect(kickoffJson).toContain(part);
    }

    const announcement = messageContaining(h, ANNOUNCE_CHANNEL, `<#${incident.channelId}>`);
    expect(JSON.stringify(announcement?.blocks)).toContain('SEV1 · Critical incident declared');

    const outcome = h.fake.lastCall('views.update');
    expect(JSON.stringify(outcome?.args.view)).toContain(`Join the response in <#${incident.channelId}>`);
  });

  it('numbers incidents one after another', async () => {
    const alice = h.user(PEOPLE.alice);
    const first = await declareIncident(h, alice, { title: 'One' });
    const second = await declareIncident(h, alice, { title: 'Two' });
    expect([first.channelName, second.channelName]).toEqual(['inc-1-one', 'inc-2-two']);
  });

  it('shows field errors in the modal and creates nothing when the title is blank or the severity missing', async () => {
    const alice = h.user(PEOPLE.alice);
    await alice.command('declare');
    const response = await alice.submit(openedView(h, 'declare_incident'), { title: '   ', severity: undefined });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      response_action: 'errors',
      errors: { title: 'Give the incident a title.', severity: 'Choose a severity.' },
    });
    expect(h.fake.calls('conversations.create')).toHaveLength(0);
  });

  it('refuses a title made only of control, bidi and zero-width characters under the field', async () => {
    const alice = h.user(PEOPLE.alice);
    await alice.command('declare');
    const invisible = '\u200B\u202E\u2066 \u0007\uFEFF\u200D\u2069';
    const response = await alice.submit(openedView(h, 'declare_incident'), { title: invisible, severity: 'SEV2' });
    expect(response.json).toEqual({ response_action: 'errors', errors: { title: 'Give the incident a title.' } });
    expect(await storedIncidents(h.store)).toHaveLength(0);
    expect(h.fake.calls('conversations.create')).toHaveLength(0);
  });

  it('declares once when the modal is submitted twice', async () => {
    const alice = h.user(PEOPLE.alice);
    await alice.command('declare Double click');
    const view = openedView(h, 'declare_incident');
    await Promise.all([alice.submit(view, { severity: 'SEV2' }), alice.submit(view, { severity: 'SEV2' })]);
    expect(h.fake.okCalls('conversations.create')).toHaveLength(1);
    expect(h.fake.messages(ANNOUNCE_CHANNEL)).toHaveLength(1);
  });

  it('picks another channel name when the name is taken, also by an archived channel', async () => {
    h.fake.addChannel({ name: 'inc-1-database-down', is_archived: true });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Database down' });
    expect(incident.channelName).toBe('inc-1-database-down-2');
    expect(h.fake.calls('conversations.create').map((c) => c.error)).toEqual(['name_taken', undefined]);
  });

  it('gives titles in non-Latin scripts a valid channel name', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'データベース障害' });
    expect(incident.channelName).toBe('inc-1');
    expect(JSON.stringify(messageContaining(h, incident.channelId, 'incident_open_update')?.blocks)).toContain(
      'データベース障害',
    );
  });

  it('records the declaration on the timeline', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Timeline', commander: PEOPLE.bob });
    const rows = await storedEntries(h.store, { incidentId: incident.incidentId, kind: 'declared' });
    expect(rows.map(({ kind, actorId, at }) => ({ kind, actorId, at }))).toEqual([
      { kind: 'declared', actorId: PEOPLE.alice, at: h.clock.now() },
    ]);
  });

  it('tells the declarer in plain words when a step failed, and keeps the incident', async () => {
    // The kick-off goes to the new channel (the announcement, sent at the same time, elsewhere).
    h.fake.fail('chat.postMessage', { error: 'not_in_channel' }, 1, (args) => args.channel !== ANNOUNCE_CHANNEL);
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Partial' });
    const outcome = JSON.stringify(h.fake.lastCall('views.update')?.args.view);
    expect(outcome).toContain('Posting the kick-off message failed: Commander is not a member of that channel');
    expect(h.fake.channel(incident.channelId)?.topic).toContain('Partial');
    // The announcement still went out although the kick-off failed.
    expect(messageContaining(h, ANNOUNCE_CHANNEL, `<#${incident.channelId}>`)).toBeDefined();
  });

  it('says so in the modal when Slack refuses to create channels', async () => {
    h.fake.fail('conversations.create', { error: 'restricted_action' }, 5);
    await h.user(PEOPLE.alice).command('declare Locked down');
    await h.user(PEOPLE.alice).submit(openedView(h, 'declare_incident'), { severity: 'SEV2' });
    const outcome = JSON.stringify(h.fake.lastCall('views.update')?.args.view);
    expect(outcome).toContain('its channel could not be created');
    expect(outcome).toContain('Your workspace does not allow apps to do this');
  });

  it('finishes a declaration interrupted by a Slack outage when the app restarts, without repeating steps', async () => {
    h.fake.fail('chat.postMessage', { status: 500 }, 2);
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Outage' });
    expect(messageContaining(h, incident.channelId, 'incident_open_update')).toBeUndefined();
    await h.restart();
    const kickoff = messageContaining(h, incident.channelId, 'incident_open_update');
    expect(kickoff).toBeDefined();
    expect(h.fake.channel(incident.channelId)?.pins.has(kickoff!.ts)).toBe(true);
    expect(h.fake.okCalls('conversations.create')).toHaveLength(1);
    expect(h.fake.okCalls('conversations.setTopic')).toHaveLength(1);
    expect(h.fake.messages(ANNOUNCE_CHANNEL)).toHaveLength(1);
  });
});

describe('without an announcement channel', () => {
  it('declares without announcing anywhere', async () => {
    h = await startHarness({ announce: false });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Quiet' });
    expect(h.fake.messages(ANNOUNCE_CHANNEL)).toHaveLength(0);
    expect(messageContaining(h, incident.channelId, 'incident_open_update')).toBeDefined();
  });
});
