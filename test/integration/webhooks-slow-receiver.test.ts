import { type Harness, PEOPLE, SIGNING_SECRET, startHarness } from '../support/harness';
import { SlackUser } from '../support/slack-user';
import { WebhookReceiver, whenReceivers } from '../support/webhook-receiver';
import { declareIncident } from './flows';

const FAST_SECRET = 'status-page-secret-0123456789';
const SLOW_SECRET = 'slow-tracker-secret-0123456789';
const SEC = 1_000;

let h: Harness;
let fast: WebhookReceiver;
let slow: WebhookReceiver;

afterEach(async () => {
  await slow?.stop();
  await fast?.stop();
  await h?.stop();
});

/**
 * A person whose requests return once acknowledged, without waiting for the app to be idle: the
 * app is never idle while an attempt to the slow receiver is open.
 */
const hurried = (userId: string) =>
  new SlackUser({ url: () => h.eventsUrl, secret: SIGNING_SECRET, fake: h.fake, userId, afterEach: async () => {} });

/** Waits until the fast receiver has taken `count` events, or the slow one's open attempt has ended. */
const fastTakesOrSlowEnds = (count: number) =>
  whenReceivers([fast, slow], () => fast.accepted().length >= count || slow.hanging() === 0);

describe('a receiver that never answers', () => {
  it("holds up only its own events: the others' go out while its attempt is still open, first time and at each retry", async () => {
    slow = await WebhookReceiver.start(SLOW_SECRET, '/slow');
    fast = await WebhookReceiver.start(FAST_SECRET, '/fast');
    h = await startHarness({
      policy: {
        webhooks: [
          // Its attempts are cut at the timeout: the fast receiver's events must not wait that long.
          { url: slow.url, secret: SLOW_SECRET, timeout: '10s' },
          { url: fast.url, secret: FAST_SECRET },
        ],
      },
    });
    slow.useClock(h.clock);
    fast.useClock(h.clock);
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout down', commander: PEOPLE.bob });
    expect([slow.types(), fast.types()]).toEqual([['incident.declared'], ['incident.declared']]);
    const bob = hurried(PEOPLE.bob);

    // From now on the slow receiver never answers.
    slow.answer('hang', 'hang');
    await bob.command('severity SEV2 Fewer users affected', incident.channelId);
    await whenReceivers([fast, slow], () => fast.accepted().length === 2 && slow.hanging() === 1);
    await bob.command('followup Add a canary stage', incident.channelId);
    await fastTakesOrSlowEnds(3);
    expect(slow.hanging()).toBe(1);
    expect(fast.types()).toEqual(['incident.declared', 'incident.severity_changed', 'followup.added']);

    // The slow receiver goes away mid-request: its event is retried later, and hangs again.
    slow.dropHanging();
    await h.commander.idle();
    h.clock.advance(10 * SEC);
    void h.commander.tick();
    await whenReceivers([slow], () => slow.hanging() === 1);
    expect(slow.requests.map((r) => r.event.type)).toEqual([
      'incident.declared',
      'incident.severity_changed',
      'incident.severity_changed',
    ]);
    await bob.command('done 1', incident.channelId);
    await fastTakesOrSlowEnds(4);
    expect(slow.hanging()).toBe(1);
    expect(fast.types()).toEqual(['incident.declared', 'incident.severity_changed', 'followup.added', 'followup.done']);
    // Its own events still go in order: its later ones wait behind the event it has not taken.
    expect(slow.requests).toHaveLength(3);
    slow.dropHanging();
    await h.commander.idle();
  });
});
