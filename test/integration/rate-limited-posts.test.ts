import { ANNOUNCE_CHANNEL, type Harness, PEOPLE, SIGNING_SECRET, startHarness } from '../support/harness';
import { SlackUser } from '../support/slack-user';
import { openedView } from './flows';

/**
 * In a storm of declarations Slack limits posts first (the announcement channel takes about one
 * a second). The Web API client waits out a 429 by pausing every call it holds, so channel
 * creation has a client of its own: the next incident's channel is not held up by an
 * announcement waiting for its Retry-After.
 */
let h: Harness;
const RETRY_AFTER_S = 4;

beforeEach(async () => {
  // One retry, at once after Retry-After, as the app's own client does (with a longer back-off).
  h = await startHarness({ clientOptions: { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } } });
});
afterEach(async () => h.stop());

async function submitDeclaration(title: string): Promise<void> {
  const alice = new SlackUser({
    url: () => h.eventsUrl,
    secret: SIGNING_SECRET,
    fake: h.fake,
    userId: PEOPLE.alice,
    afterEach: async () => undefined,
  });
  await alice.command(`declare ${title}`);
  await h.fake.waitForCall('views.open', (c) => JSON.stringify(c.args.view).includes(title));
  const response = await alice.submit(openedView(h, 'declare_incident'), { severity: 'SEV1' });
  if (response.json?.response_action !== 'update') throw new Error(`declare was refused: ${response.text}`);
}

it("while an announcement waits out its Retry-After, the next incident's channel is created", async () => {
  h.fake.fail(
    'chat.postMessage',
    { status: 429, retryAfter: RETRY_AFTER_S },
    1,
    (args) => args.channel === ANNOUNCE_CHANNEL,
  );
  await submitDeclaration('First fire');
  const refused = await h.fake.waitForCall('chat.postMessage', (c) => !c.ok && c.args.channel === ANNOUNCE_CHANNEL);
  await submitDeclaration('Second fire');
  const created = await h.fake.waitForCall(
    'conversations.create',
    (c) => c.ok && String(c.args.name).includes('second-fire'),
    10_000,
  );
  // Held up, it could only be made once the Retry-After had passed.
  expect(created.at).toBeLessThan(refused.at + RETRY_AFTER_S * 1000);
  await h.commander.idle();
  // The announcement is made once Slack allows it; both incidents are set up.
  expect(h.fake.okCalls('chat.postMessage').filter((c) => c.args.channel === ANNOUNCE_CHANNEL)).toHaveLength(2);
  expect(await h.store.incidents.listSetupPending()).toEqual([]);
});
