import { ANNOUNCE_CHANNEL, type Harness, PEOPLE, startHarness } from '../support/harness';
import { openedView } from './flows';

let h: Harness;
afterEach(async () => h?.stop());

/** The DMs a person received from the app. */
function dmsTo(userId: string) {
  return h.fake.messages(h.fake.dmWith(userId));
}

const shown = () => JSON.stringify(h.fake.views().at(-1)?.view.blocks);

async function declare(title: string) {
  await h.user(PEOPLE.alice).command(`declare ${title}`);
  await h.user(PEOPLE.alice).submit(openedView(h, 'declare_incident'), { severity: 'SEV1', commander: PEOPLE.bob });
  return (await h.commander.incidents.get(1))!;
}

describe('a declaration Slack did not let finish', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it('is finished in the background once Slack recovers, without a restart, and the declarer is told', async () => {
    // The kick-off and the announcement both get a 500 (the tests' client does not retry).
    h.fake.fail('chat.postMessage', { status: 500 }, 2);
    const incident = await declare('Payments flapping');
    expect(incident.channelId).not.toBeNull();
    expect(h.fake.messages(incident.channelId!)).toHaveLength(0);
    expect(shown()).toContain(
      `Slack is having trouble; Commander will finish setting up <#${incident.channelId}> and tell you.`,
    );
    expect(shown()).not.toContain('Try again');

    await h.tick();

    const kickoff = h.fake.messages(incident.channelId!);
    expect(kickoff.map((m) => m.text)).toEqual([expect.stringContaining('Payments flapping')]);
    expect(h.fake.channel(incident.channelId!)?.pins.has(kickoff[0]!.ts)).toBe(true);
    expect(h.fake.messages(ANNOUNCE_CHANNEL).filter((m) => m.text.includes('Payments flapping'))).toHaveLength(1);
    expect(JSON.stringify(dmsTo(PEOPLE.alice).map((m) => m.blocks))).toContain(
      `is set up. Join the response in <#${incident.channelId}>`,
    );
    expect((await h.commander.incidents.get(incident.id))?.setupDoneAt).not.toBeNull();

    // Done is done: later ticks post, pin and announce nothing more, and tell nobody again.
    h.clock.advance(60 * 60_000);
    await h.tick();
    expect(h.fake.okCalls('pins.add')).toHaveLength(1);
    expect(h.fake.messages(ANNOUNCE_CHANNEL).filter((m) => m.text.includes('Payments flapping'))).toHaveLength(1);
    expect(dmsTo(PEOPLE.alice)).toHaveLength(1);
  });

  it('backs off while Slack stays down: the next attempt waits longer each time', async () => {
    h.fake.fail('conversations.create', { status: 500 }, 3);
    const incident = await declare('Slack is down');
    expect(incident.channelId).toBeNull();
    expect(shown()).toContain(
      'Slack is having trouble; Commander will finish setting up #inc-1-slack-is-down and tell you.',
    );

    await h.tick(); // the first retry comes at the next tick, and fails
    expect(h.fake.calls('conversations.create')).toHaveLength(2);
    h.clock.advance(29_000);
    await h.tick();
    expect(h.fake.calls('conversations.create')).toHaveLength(2);
    h.clock.advance(1_000);
    await h.tick(); // 30 s after the last failure: fails again
    expect(h.fake.calls('conversations.create')).toHaveLength(3);
    h.clock.advance(59_000);
    await h.tick();
    expect(h.fake.calls('conversations.create')).toHaveLength(3);
    h.clock.advance(1_000);
    await h.tick(); // a minute later Slack answers
    expect(h.fake.okCalls('conversations.create')).toHaveLength(1);
    const done = (await h.commander.incidents.get(incident.id))!;
    expect(done.setupDoneAt).not.toBeNull();
    expect(h.fake.messages(done.channelId!)).toHaveLength(1);
    expect(dmsTo(PEOPLE.alice)).toHaveLength(1);
  });

  it('a declaration that went through at once sends no extra DM', async () => {
    await declare('Fine');
    await h.tick();
    expect(dmsTo(PEOPLE.alice)).toHaveLength(0);
  });
});

describe('a declaration Slack rate-limited', () => {
  it('is tried again no sooner than Slack asked, though its first retry would come at the next tick', async () => {
    // A client that hands the 429 back rather than waiting it out, as the lookups' client does.
    h = await startHarness({ clientOptions: { rejectRateLimitedCalls: true } });
    h.fake.fail('conversations.create', { status: 429, retryAfter: 5 * 60 });
    const incident = await declare('Busy Slack');
    expect(incident.channelId).toBeNull();
    await h.tick();
    h.clock.advance(5 * 60_000 - 1_000);
    await h.tick();
    expect(h.fake.calls('conversations.create')).toHaveLength(1);
    h.clock.advance(1_000);
    await h.tick();
    expect(h.fake.okCalls('conversations.create')).toHaveLength(1);
    expect((await h.commander.incidents.get(incident.id))?.setupDoneAt).not.toBeNull();
  });
});

describe('the call bookmark of a retried set-up', () => {
  const call = (id: number) => `https://meet.example.com/inc-${id}`;
  beforeEach(async () => {
    h = await startHarness({ policy: { bridge: 'https://meet.example.com/inc-{{number}}' } });
  });
  const retry = async () => {
    h.clock.advance(60_000);
    await h.tick();
  };

  it('is added once when Slack added it but the answer was lost: the retry looks first', async () => {
    h.fake.fail('bookmarks.add', { drop: 'after_work' });
    const incident = await declare('Payments flapping');
    const channelId = incident.channelId as string;
    expect(h.fake.bookmarks(channelId)).toHaveLength(1);
    expect((await h.commander.incidents.get(incident.id))?.setupDoneAt).toBeNull();

    await retry();
    await retry();
    expect(h.fake.bookmarks(channelId)).toEqual([
      expect.objectContaining({ title: 'Incident call', link: call(incident.id) }),
    ]);
    expect(h.fake.okCalls('bookmarks.list')).toHaveLength(1);
    expect((await h.commander.incidents.get(incident.id))?.setupDoneAt).not.toBeNull();
  });

  it('is added once when the first attempt failed before it, and not looked for on a first attempt', async () => {
    h.fake.fail('bookmarks.add', { status: 500 });
    const incident = await declare('Checkout down');
    const channelId = incident.channelId as string;
    expect(h.fake.bookmarks(channelId)).toEqual([]);
    expect(h.fake.calls('bookmarks.list')).toHaveLength(0);
    await retry();
    await retry();
    expect(h.fake.bookmarks(channelId)).toEqual([
      expect.objectContaining({ title: 'Incident call', link: call(incident.id) }),
    ]);
  });

  it('is added once after a kick-off Slack posted without answering', async () => {
    h.fake.fail('chat.postMessage', { drop: 'after_work' }, 1, (args) => String(args.text).includes('Payments'));
    const incident = await declare('Payments flapping');
    await retry();
    await retry();
    expect(h.fake.bookmarks(incident.channelId as string)).toHaveLength(1);
    expect(h.fake.messages(incident.channelId as string).filter((m) => m.text.includes('Payments'))).toHaveLength(1);
  });

  it('without bookmarks:read a retry still adds the call (a second bookmark beats none)', async () => {
    h.fake.setScopes(h.fake.scopes().filter((s) => s !== 'bookmarks:read'));
    h.fake.fail('bookmarks.add', { status: 500 });
    const incident = await declare('Checkout down');
    await retry();
    expect(h.fake.bookmarks(incident.channelId as string)).toHaveLength(1);
  });
});
