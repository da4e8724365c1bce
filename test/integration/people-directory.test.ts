import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident, openedView } from './flows';

/**
 * What Slack said about people is kept (issue 32): a declaration naming someone seen recently asks
 * Slack nothing before its channel is made, Slack's user_change events keep it current, and what
 * Slack says after the form still refuses a commander who can no longer take part.
 */
describe.each(APP_ENGINES)('people as Slack said them (%s)', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ ...(await database.options()) });
  });
  afterEach(async () => h.stop());

  /** The users.info calls made before the incident's channel was created. */
  const lookupsBeforeChannel = (from: number) => {
    const calls = h.fake.calls().slice(from);
    const created = calls.findIndex((c) => c.method === 'conversations.create');
    return calls.slice(0, created).filter((c) => c.method === 'users.info');
  };

  it('asks Slack about another commander the first time only: the next declaration naming them asks nothing first', async () => {
    let from = h.fake.calls().length;
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'First', commander: PEOPLE.bob });
    expect(lookupsBeforeChannel(from).map((c) => c.args.user)).toEqual([PEOPLE.bob]);

    from = h.fake.calls().length;
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'Second', commander: PEOPLE.bob });
    expect(lookupsBeforeChannel(from)).toEqual([]);
  });

  it('refuses under the field a commander Slack said was deactivated, without asking Slack again', async () => {
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'First', commander: PEOPLE.bob });
    await h.user(PEOPLE.bob).accountChanged({ deleted: true });
    const from = h.fake.calls().length;

    const alice = h.user(PEOPLE.alice);
    await alice.command('declare Second');
    const response = await alice.submit(openedView(h, 'declare_incident'), {
      severity: 'SEV1',
      impact: 'Checkout fails',
      commander: PEOPLE.bob,
    });
    expect(response.json?.response_action).toBe('errors');
    expect(JSON.stringify(response.json?.errors)).toContain('deactivated');
    expect(
      h.fake
        .calls()
        .slice(from)
        .filter((c) => c.method === 'users.info'),
    ).toEqual([]);
  });

  it('says in the channel and to the declarer when Slack refuses a commander deactivated after it was last seen', async () => {
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'First', commander: PEOPLE.bob });
    // Deactivated without the app being told (an event it never got): the form is answered from what it knew.
    h.fake.addUser({ id: PEOPLE.bob, deleted: true });
    const { channelId, incidentId } = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Second',
      commander: PEOPLE.bob,
    });
    await h.commander.idle();
    const said = (m: { text?: string }) => /cannot lead/.test(m.text ?? '');
    expect(h.fake.messages(channelId).filter(said)).toHaveLength(1);
    const toAlice = h.fake.messages(h.fake.dmWith(PEOPLE.alice)).filter(said);
    expect(toAlice).toHaveLength(1);
    expect(toAlice[0]?.text).toContain(`#${incidentId}`);
    // Slack's answer is kept: the next form naming Bob is refused at once.
    const alice = h.user(PEOPLE.alice);
    await alice.command('declare Third');
    const response = await alice.submit(openedView(h, 'declare_incident'), {
      severity: 'SEV1',
      impact: 'Checkout fails',
      commander: PEOPLE.bob,
    });
    expect(JSON.stringify(response.json?.errors)).toContain('deactivated');
  });

  it('reads a new member’s time zone from the team_join event, and a moved one’s from user_change, not from users.info', async () => {
    const dana = 'UDANA00001';
    h.fake.addUser({ id: dana, name: 'dana' });
    await h.user(dana).accountChanged({ tz: 'Asia/Tokyo' }, 'team_join');
    const zoneInRecordForm = async () => {
      await h.user(dana).command('record');
      return JSON.stringify(openedView(h, 'record_incident').view);
    };
    const from = h.fake.calls().length;
    expect(await zoneInRecordForm()).toContain('your time zone (Asia/Tokyo)');
    await h.user(dana).accountChanged({ tz: 'America/Chicago' });
    expect(await zoneInRecordForm()).toContain('your time zone (America/Chicago)');
    expect(
      h.fake
        .calls()
        .slice(from)
        .filter((c) => c.method === 'users.info'),
    ).toEqual([]);
  });
});
