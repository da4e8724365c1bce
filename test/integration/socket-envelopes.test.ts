import { type RunningApp, startAppProcess } from '../support/app-process';
import { FakeSlack } from '../support/fake-slack';
import { APP_TOKEN, BOT_TOKEN, PEOPLE, SIGNING_SECRET } from '../support/harness';
import { SlackUser } from '../support/slack-user';

/**
 * Frames a broken Slack (or one sending what the client did not expect) puts on the socket. Each
 * once made @slack/socket-mode throw where nothing caught it, which ended the process; Slack then
 * redelivers the unacknowledged envelope after the reconnect, so the bot crash-looped.
 */
const MALFORMED: Array<[string, unknown, string | undefined]> = [
  ['the text null', null, undefined],
  ['a null payload', { envelope_id: 'e1', type: 'events_api', payload: null }, 'e1'],
  [
    'app_rate_limited (an events_api payload without an event)',
    {
      envelope_id: 'e2',
      type: 'events_api',
      payload: {
        token: 'x',
        team_id: 'T0TEAM',
        minute_rate_limited: 1518467820,
        api_app_id: 'A0COMMANDER',
        type: 'app_rate_limited',
      },
      accepts_response_payload: false,
    },
    'e2',
  ],
  ['a command with a null payload', { envelope_id: 'e3', type: 'slash_commands', payload: null }, 'e3'],
  [
    'an event named like the client’s own close event',
    { envelope_id: 'e4', type: 'events_api', payload: { event: { type: 'close' } } },
    'e4',
  ],
  ['an envelope of an unknown type', { envelope_id: 'e5', type: 'mystery', payload: {} }, 'e5'],
];

describe('the app as a process in Socket Mode, sent malformed envelopes', () => {
  let fake: FakeSlack;
  let app: RunningApp;
  beforeAll(async () => {
    fake = await FakeSlack.start({ token: BOT_TOKEN });
    app = await startAppProcess({ fake, env: { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: undefined } });
    await fake.socket.waitForConnections(2);
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await fake?.stop();
  });

  it.each(MALFORMED)(
    '%s is acknowledged or ignored with a log line, and the next command is served',
    async (_name, frame, envelopeId) => {
      const logged = app.lines.length;
      fake.socket.sendRaw(JSON.stringify(frame));
      if (envelopeId) await fake.socket.waitUntil(() => fake.socket.acked(envelopeId), `an ack of ${envelopeId}`);

      const alice = new SlackUser({
        url: () => '',
        secret: SIGNING_SECRET,
        fake,
        userId: PEOPLE.alice,
        transport: 'socket',
        afterEach: async () => {},
      });
      expect(await alice.command('help')).toMatchObject({ status: 200 });
      expect(app.child.exitCode).toBeNull();
      expect(app.lines.slice(logged).map((l) => JSON.parse(l))).toContainEqual(
        expect.objectContaining({ level: 40, component: 'socket-mode', msg: expect.stringMatching(/^ignored /) }),
      );
      expect(fake.socket.open()).toHaveLength(2);
    },
  );
});
