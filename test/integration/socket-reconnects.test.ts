import { type RunningApp, startAppProcess } from '../support/app-process';
import { FakeSlack } from '../support/fake-slack';
import { APP_TOKEN, BOT_TOKEN } from '../support/harness';

/** How long the connection rate is watched for. */
const WINDOW_MS = 5_000;

/**
 * A Slack that ends every connection right after its hello made the app reconnect about 120 times
 * a second, with a warning each, for as long as it lasted. Watched as a process on the real clock:
 * the window is the measurement, so it is waited out.
 */
describe.each([
  ['closes each connection', 'close'],
  ['asks to refresh each connection', 'refresh'],
] as const)('the app as a process, when Slack %s right after its hello', (_name, what) => {
  let fake: FakeSlack;
  let app: RunningApp;
  beforeEach(async () => {
    fake = await FakeSlack.start({ token: BOT_TOKEN, socketMode: { refreshCloseMs: 1_000 } });
    app = await startAppProcess({ fake, env: { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: undefined } });
    await fake.socket.waitForConnections(2);
  }, 60_000);
  afterEach(async () => {
    await app?.stop();
    await fake?.stop();
  });

  it('backs off: few connections a second, and a line saying it waits', async () => {
    fake.socket.afterHello(what);
    const before = fake.socket.admitted();
    if (what === 'close') fake.socket.drop();
    else fake.socket.refresh();
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));

    // Two connections a round; rounds at once, then after at least 0.5, 1 and 2 s more: at most
    // four rounds in the window, where there were hundreds of connections.
    expect(fake.socket.admitted() - before).toBeLessThanOrEqual(12);
    const lines = app.lines.map((l) => JSON.parse(l));
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 40, msg: expect.stringMatching(/; trying again in \d+ ms$/) }),
    );
    expect(app.child.exitCode).toBeNull();
  }, 20_000);

  it('and once Slack behaves again, it is connected again', async () => {
    fake.socket.afterHello(what);
    if (what === 'close') fake.socket.drop();
    else fake.socket.refresh();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    fake.socket.afterHello('stay');
    await fake.socket.waitForConnections(2, 10_000);
  }, 20_000);
});
