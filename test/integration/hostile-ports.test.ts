import { type RunningApp, startAppProcess } from '../support/app-process';
import { FakeSlack } from '../support/fake-slack';
import { APP_TOKEN, BOT_TOKEN } from '../support/harness';
import { cutOffRequest, rawRequest } from '../support/raw-request';

/** Request targets no URL parser takes: each once ended the Socket Mode process (`Invalid URL`). */
const UNPARSEABLE = ['//', '///', 'http://[', 'http://x:99999/'];

/** Every port the process listens on, from its start-up line. */
function ports(app: RunningApp): { name: string; origin: string }[] {
  const running = app.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'Commander is running');
  return [
    { name: 'PORT', origin: app.origin },
    { name: 'METRICS_PORT', origin: `http://127.0.0.1:${running.metricsPort}` },
  ];
}

describe.each([
  ['Socket Mode', { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: undefined }],
  ['HTTP mode', {}],
])('the app as a process in %s, sent request targets that are not URLs', (_mode, modeEnv) => {
  let fake: FakeSlack;
  let app: RunningApp;
  beforeAll(async () => {
    fake = await FakeSlack.start({ token: BOT_TOKEN });
    app = await startAppProcess({ fake, env: { ...modeEnv, METRICS_PORT: '0' } });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await fake?.stop();
  });

  it('answers each with 400 on PORT and keeps serving', async () => {
    for (const target of UNPARSEABLE) {
      for (const method of ['GET', 'POST']) {
        expect({ method, target, status: await rawRequest(app.origin, method, target) }).toEqual({
          method,
          target,
          status: 400,
        });
      }
    }
    expect((await fetch(`${app.origin}/healthz`)).status).toBe(200);
    expect(app.child.exitCode).toBeNull();
  });

  it('ends no port, nor does a sender going away mid-body: every port still answers afterwards', async () => {
    for (const { origin } of ports(app)) {
      for (const target of UNPARSEABLE) {
        for (const method of ['GET', 'POST']) await rawRequest(origin, method, target);
      }
      for (const path of ['/slack/events', '/alerts/generic', '/alerts/alertmanager', '/healthz', '/metrics'])
        await cutOffRequest(origin, path);
    }
    expect((await fetch(`${app.origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${ports(app)[1]!.origin}/metrics`)).status).toBe(200);
    expect(app.child.exitCode).toBeNull();
  });
});
