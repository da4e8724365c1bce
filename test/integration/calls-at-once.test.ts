import type { RecordedCall } from '../support/fake-slack';
import { ANNOUNCE_CHANNEL, type Harness, PEOPLE, SIGNING_SECRET, startHarness } from '../support/harness';
import { SlackUser } from '../support/slack-user';
import { declareIncident, openedView } from './flows';

/**
 * Each Slack call costs a round trip, so steps that need nothing from each other are asked at
 * once. Shown without timing: while Slack keeps one call waiting, the others are already made.
 * Done one after another, the held call would stop every later one, and these waits would fail.
 */
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.stop());

/** A person whose requests do not wait for the app to be idle: it will not be while a call is held. */
const impatient = (userId: string) =>
  new SlackUser({
    url: () => h.eventsUrl,
    secret: SIGNING_SECRET,
    fake: h.fake,
    userId,
    afterEach: async () => undefined,
  });

const isKickoff = (args: Record<string, any>) => args.metadata?.event_payload?.step === 'kickoff';
const inChannel = (channel: string) => (c: RecordedCall) => c.args.channel === channel;

/** Waits for each call (method and predicate) to be made; a missing one rejects naming the methods seen. */
const made = (calls: [string, ((c: RecordedCall) => boolean)?][]) =>
  Promise.all(calls.map(([method, predicate]) => h.fake.waitForCall(method, predicate)));

async function submitDeclaration(title: string) {
  const alice = impatient(PEOPLE.alice);
  await alice.command(`declare ${title}`);
  await h.fake.waitForCall('views.open');
  void alice.submit(openedView(h, 'declare_incident'), { severity: 'SEV1', commander: PEOPLE.bob });
  const created = await h.fake.waitForCall('conversations.create', (c) => c.ok);
  return created.response.channel.id as string;
}

describe('Slack calls that need nothing from each other are made at once', () => {
  it('declaring: while Slack holds the invite, the topic, kick-off, pin, announcement and modal are already asked for', async () => {
    const invite = h.fake.hold('conversations.invite');
    const channelId = await submitDeclaration('Held invite');
    await invite.arrived;
    await made([
      ['conversations.setTopic', inChannel(channelId)],
      ['chat.postMessage', (c) => inChannel(channelId)(c) && isKickoff(c.args)],
      ['pins.add', inChannel(channelId)],
      ['chat.postMessage', inChannel(ANNOUNCE_CHANNEL)],
      ['views.update', (c) => JSON.stringify(c.args.view).includes(`Join the response in <#${channelId}>`)],
    ]);
    invite.release();
    await h.commander.idle();
    const incident = (await h.commander.incidents.findByChannel(channelId))!;
    expect(incident.setupDoneAt).not.toBeNull();
    expect(h.fake.channel(channelId)?.members).toEqual(new Set(['UBOTCOMMANDER', PEOPLE.alice, PEOPLE.bob]));
  });

  it('declaring: while Slack holds the kick-off, everything but its pin is already asked for', async () => {
    const kickoff = h.fake.hold('chat.postMessage', isKickoff);
    const channelId = await submitDeclaration('Held kick-off');
    await kickoff.arrived;
    await made([
      ['conversations.invite', inChannel(channelId)],
      ['conversations.setTopic', inChannel(channelId)],
      ['chat.postMessage', inChannel(ANNOUNCE_CHANNEL)],
      ['views.update', (c) => JSON.stringify(c.args.view).includes(`<#${channelId}>`)],
    ]);
    // The pin needs the kick-off's ts: it waits.
    expect(h.fake.calls('pins.add')).toHaveLength(0);
    kickoff.release();
    await h.commander.idle();
    const [posted] = h.fake.messages(channelId);
    expect(h.fake.channel(channelId)?.pins.has(posted!.ts)).toBe(true);
  });

  it('a status update: while Slack holds the post, the summary, topic and mirror are already asked for', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Slow search', commander: PEOPLE.bob });
    const bob = impatient(PEOPLE.bob);
    await bob.command('update', incident.channelId);
    await h.fake.waitForCall('views.open', (c) => c.args.view?.callback_id === 'post_update');
    h.fake.clearCalls();
    const post = h.fake.hold('chat.postMessage', (args) => args.channel === incident.channelId);
    void bob.submit(openedView(h, 'post_update'), { status: 'identified', summary: 'A bad index' });
    await post.arrived;
    await made([
      ['chat.update', inChannel(incident.channelId)],
      ['conversations.setTopic', inChannel(incident.channelId)],
      ['chat.postMessage', inChannel(ANNOUNCE_CHANNEL)],
      ['chat.update', inChannel(ANNOUNCE_CHANNEL)],
    ]);
    post.release();
    await h.commander.idle();
    expect(h.fake.messages(incident.channelId).some((m) => m.text.includes('A bad index'))).toBe(true);
  });

  it('resolving a SEV1: while Slack holds the resolve post, the postmortem draft is already being uploaded', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Gone dark', commander: PEOPLE.bob });
    const bob = impatient(PEOPLE.bob);
    await bob.command('resolve', incident.channelId);
    await h.fake.waitForCall('views.open', (c) => c.args.view?.callback_id === 'resolve_incident');
    const post = h.fake.hold('chat.postMessage', (args) => args.channel === incident.channelId);
    void bob.submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' });
    await post.arrived;
    // The upload's own three steps (URL, bytes, completion) go on while the post waits.
    await made([
      ['files.getUploadURLExternal'],
      ['files.completeUploadExternal', (c) => c.args.channel_id === incident.channelId],
      ['chat.update', inChannel(incident.channelId)],
      ['conversations.setTopic', inChannel(incident.channelId)],
      ['chat.postMessage', inChannel(ANNOUNCE_CHANNEL)],
    ]);
    post.release();
    await h.commander.idle();
    expect(h.fake.messages(incident.channelId).some((m) => m.text.includes('Resolved'))).toBe(true);
    expect(h.fake.uploads().at(-1)).toMatchObject({ channel_id: incident.channelId, completed: true });
  });

  it('assigning a role: while Slack holds the invite, the note, the summary and the DM are already made, the DM without opening a conversation', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Need comms', commander: PEOPLE.alice });
    h.fake.clearCalls();
    const invite = h.fake.hold('conversations.invite');
    void impatient(PEOPLE.alice).command(`assign comms <@${PEOPLE.carol}|carol>`, incident.channelId);
    await invite.arrived;
    await made([
      ['chat.postMessage', inChannel(incident.channelId)],
      ['chat.update', inChannel(incident.channelId)],
      ['chat.postMessage', inChannel(PEOPLE.carol)],
    ]);
    expect(h.fake.calls('conversations.open')).toHaveLength(0);
    invite.release();
    await h.commander.idle();
    expect(h.fake.messages(h.fake.dmWith(PEOPLE.carol))).toHaveLength(1);
  });

  it('a severity change: while Slack holds the channel note, the summary, topic and announcements are already asked for', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Creeping errors',
      severity: 'SEV3',
      commander: PEOPLE.bob,
    });
    h.fake.clearCalls();
    const note = h.fake.hold('chat.postMessage', (args) => args.channel === incident.channelId);
    void impatient(PEOPLE.bob).command('severity SEV1 Error rate is climbing', incident.channelId);
    await note.arrived;
    await made([
      ['chat.update', inChannel(incident.channelId)],
      ['conversations.setTopic', inChannel(incident.channelId)],
      ['chat.update', inChannel(ANNOUNCE_CHANNEL)],
      ['chat.postMessage', inChannel(ANNOUNCE_CHANNEL)],
    ]);
    note.release();
    await h.commander.idle();
    expect((await h.commander.incidents.get(incident.incidentId))?.severity).toBe('SEV1');
  });
});

describe('the set-up journal with steps made at once', () => {
  const stepsDone = async (incidentId: number) => [...(await h.store.incidents.stepsDone(incidentId))].sort();

  it('reports every step that failed, records every one that did not, and a retry does only the failed ones', async () => {
    h.fake.fail('conversations.invite', { error: 'user_is_restricted' });
    h.fake.fail('conversations.setTopic', { error: 'restricted_action' });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Two failures', commander: PEOPLE.bob });
    const outcome = JSON.stringify(h.fake.views().find((v) => v.view.title?.text === 'Incident #1')?.view);
    expect(outcome).toContain('Inviting people to the channel failed');
    expect(outcome).toContain('Setting the channel topic failed');
    expect(await stepsDone(incident.incidentId)).toEqual(['announce', 'channel', 'kickoff', 'pin']);

    await h.tick();
    expect(await stepsDone(incident.incidentId)).toEqual(['announce', 'channel', 'invite', 'kickoff', 'pin', 'topic']);
    expect(h.fake.okCalls('chat.postMessage').filter((c) => isKickoff(c.args))).toHaveLength(1);
    expect(h.fake.okCalls('pins.add')).toHaveLength(1);
    expect(h.fake.calls('chat.postMessage').filter(inChannel(ANNOUNCE_CHANNEL))).toHaveLength(1);
  });
});

describe('a round trip not made at all', () => {
  it('declaring oneself commander (the default) asks Slack nothing before the ack; someone else is still checked', async () => {
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'Mine' });
    expect(h.fake.calls('users.info')).toHaveLength(0);
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'Bob leads', commander: PEOPLE.bob });
    expect(h.fake.calls('users.info').map((c) => c.args.user)).toContain(PEOPLE.bob);
  });
});

describe('an escalation', () => {
  const MANAGER = 'UMANAGER01';

  it('while Slack holds the channel note, the invite and the DM to the person called in are already made', async () => {
    await h.stop();
    h = await startHarness({
      policy: {
        reminders: { repeatAfter: '10s', snoozeFor: '20s', checkEvery: '1s' },
        severities: [
          {
            id: 'SEV1',
            name: 'Critical',
            updateEvery: '30s',
            escalateAfterMissed: 2,
            escalateTo: { users: [MANAGER] },
          },
          { id: 'SEV2', name: 'High', updateEvery: '60s' },
        ],
      },
    });
    h.fake.addUser({ id: MANAGER, name: 'manager', tz: 'UTC' });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Nobody home', commander: PEOPLE.bob });
    h.clock.advance(30_000);
    await h.tick();
    h.clock.advance(10_000);
    await h.tick();
    h.clock.advance(10_000);
    const note = h.fake.hold('chat.postMessage', (args) => args.channel === incident.channelId);
    const ticking = h.tick();
    await note.arrived;
    await made([
      ['conversations.invite', (c) => inChannel(incident.channelId)(c) && c.args.users === MANAGER],
      // A DM is posted to the person's user id: no conversation is opened first.
      ['chat.postMessage', inChannel(MANAGER)],
    ]);
    expect(h.fake.calls('conversations.open')).toHaveLength(0);
    note.release();
    await ticking;
    expect(JSON.stringify(h.fake.messages(incident.channelId).at(-1)?.blocks)).toContain(`<@${MANAGER}>`);
  });
});
