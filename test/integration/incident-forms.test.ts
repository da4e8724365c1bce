import { UNAVAILABLE } from '../../src/incidents/permissions';
import { type Harness, PEOPLE, SIGNING_SECRET, startHarness } from '../support/harness';
import { memberChanges } from '../support/slack-events';
import { SlackUser } from '../support/slack-user';
import { openedView } from './flows';

/**
 * Forms that change an incident open only for people who may change it, and a trigger_id (3 s,
 * once) is never spent on a form that then has to be taken back: membership is known from
 * Slack's events and recent lookups, and when Slack must be asked and is slow, a neutral form
 * holds the trigger until the answer comes.
 */

const MALLORY = 'UMALLORY01';
const TITLE = 'Payroll database exposed';

let h: Harness;
afterEach(async () => h.stop());

async function declarePrivately() {
  await h.user(PEOPLE.alice).command(`declare ${TITLE}`);
  await h
    .user(PEOPLE.alice)
    .submit(openedView(h, 'declare_incident'), { severity: 'SEV1', commander: PEOPLE.bob, visibility: 'private' });
  const channel = h.fake.okCalls('conversations.create').at(-1)!.response.channel;
  const incident = (await h.commander.incidents.findByChannel(channel.id))!;
  const kickoff = h.fake.messages(channel.id)[0]!;
  return { incident, channelId: channel.id as string, kickoff };
}

/** Every view the app opened or put into a modal since `from`, as it sent them. */
const viewsSentSince = (from: number) =>
  h.fake
    .calls()
    .slice(from)
    .filter((c) => c.method === 'views.open' || c.method === 'views.update')
    .map((c) => JSON.stringify(c.args.view));

/** A person whose requests do not wait for the app to finish, to look at a request half way. */
const impatient = (userId: string) =>
  new SlackUser({
    url: () => h.eventsUrl,
    secret: SIGNING_SECRET,
    fake: h.fake,
    userId,
    afterEach: async () => undefined,
  });

describe('when the app knows who is in the channel', () => {
  beforeEach(async () => {
    h = await startHarness();
    h.fake.addUser({ id: MALLORY, name: 'mallory', tz: 'UTC' });
  });

  it('someone Slack said left the channel gets a sentence, no form, and Slack is not asked', async () => {
    const { channelId, kickoff } = await declarePrivately();
    await memberChanges(h, { channel: channelId, user: PEOPLE.alice, joined: false });
    await h.user(PEOPLE.bob).command(`assign commander <@${PEOPLE.carol}|carol>`, channelId);
    await memberChanges(h, { channel: channelId, user: PEOPLE.bob, joined: false });
    const from = h.fake.calls().length;

    await h.user(PEOPLE.bob).click(kickoff, 'incident_open_resolve');
    expect(
      h.fake
        .calls()
        .slice(from)
        .map((c) => c.method),
    ).toEqual([]);
    expect(h.fake.responses().at(-1)?.body.text).toBe(UNAVAILABLE);
  });

  it('someone Slack said joined gets the form at once, without a lookup', async () => {
    const { channelId, kickoff } = await declarePrivately();
    await memberChanges(h, { channel: channelId, user: MALLORY, joined: true });
    const from = h.fake.calls().length;
    await h.user(MALLORY).click(kickoff, 'incident_open_resolve');
    expect(
      h.fake
        .calls()
        .slice(from)
        .map((c) => c.method),
    ).toEqual(['views.open']);
    expect(openedView(h, 'resolve_incident').view.title.text).toMatch(/^Resolve #/);
  });

  it('a form that may not be opened never shows the incident, even for a moment', async () => {
    const { kickoff } = await declarePrivately();
    const from = h.fake.calls().length;
    await h.user(MALLORY).click(kickoff, 'incident_open_resolve');
    await h.user(MALLORY).click(kickoff, 'incident_open_assign');
    await h.user(MALLORY).command('resolve', kickoff.channel);
    expect(viewsSentSince(from)).toEqual([]);
  });
});

describe('when Slack must be asked and is slow', () => {
  beforeEach(async () => {
    h = await startHarness({ ackBudgetMs: 20 });
    h.fake.addUser({ id: MALLORY, name: 'mallory', tz: 'UTC' });
  });

  async function clickWhileSlackIsSlow(userId: string, act: (u: SlackUser) => Promise<unknown>) {
    const slow = h.fake.hold('conversations.members');
    const from = h.fake.calls().length;
    await act(impatient(userId));
    await slow.arrived;
    const opened = await h.fake.waitForCall('views.open', (c) => h.fake.calls().indexOf(c) >= from);
    slow.release();
    await h.commander.idle();
    return { opened, from };
  }

  it('a neutral form holds the trigger, then becomes the form for a member', async () => {
    const { channelId, kickoff } = await declarePrivately();
    h.fake.channel(channelId)!.members.add(PEOPLE.carol); // she joined; no event has told the app yet
    const { opened } = await clickWhileSlackIsSlow(PEOPLE.carol, (u) => u.click(kickoff, 'incident_open_resolve'));

    expect(JSON.stringify(opened.args.view)).toContain('Checking that you can use this form');
    expect(JSON.stringify(opened.args.view)).not.toContain(TITLE);
    const view = h.fake.views().find((v) => v.id === opened.response.view.id)!;
    expect(view.view.callback_id).toBe('resolve_incident');
    await h.user(PEOPLE.carol).submit(view, { resolution: 'Access revoked' });
    expect((await h.commander.incidents.findByChannel(channelId))?.resolvedAt).not.toBeNull();
  });

  it('and becomes a refusal that names nothing for an outsider, from a button or a command', async () => {
    const { kickoff } = await declarePrivately();
    const cases: Array<[(u: SlackUser) => Promise<unknown>, string]> = [
      [(u) => u.click(kickoff, 'incident_open_assign'), UNAVAILABLE],
      [
        (u) => u.command('resolve', kickoff.channel),
        'This is not an incident channel. Run this command in the channel of the incident.',
      ],
    ];
    for (const [act, refusal] of cases) {
      h.clock.advance(10 * 60_000); // what the last lookup taught the app has gone stale
      const { opened, from } = await clickWhileSlackIsSlow(MALLORY, act);
      const shown = h.fake.views().find((v) => v.id === opened.response.view.id)!;
      expect(JSON.stringify(shown.view.blocks)).toContain(refusal);
      expect(viewsSentSince(from).filter((v) => v.includes(TITLE) || v.includes(kickoff.channel))).toEqual([]);
    }
  });
});
