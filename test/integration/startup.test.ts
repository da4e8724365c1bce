import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SCOPE_FEATURES } from '../../src/slack/transport/scopes';
import { appProcessExit, type RunningApp, startAppProcess } from '../support/app-process';
import { FakeSlack } from '../support/fake-slack';
import { BOT_TOKEN, type Harness, SIGNING_SECRET, startHarness } from '../support/harness';

const ALL_SCOPES = Object.keys(SCOPE_FEATURES);
const warnings = (lines: string[]) => lines.map((l) => JSON.parse(l)).filter((l) => l.level === 40 && l.scope);

describe("at start-up, the bot token's scopes are compared with what Commander needs", () => {
  let h: Harness;
  let fake: FakeSlack;
  afterEach(async () => {
    await h?.stop();
    await fake?.stop();
  });

  it('each missing scope gets one warning naming it and what will fail, and the app starts anyway', async () => {
    fake = await FakeSlack.start({
      token: BOT_TOKEN,
      scopes: ALL_SCOPES.filter((s) => s !== 'pins:write' && s !== 'files:write'),
    });
    const lines: string[] = [];
    h = await startHarness({ fake, askWhoAmI: true, logLines: lines });
    expect(fake.okCalls('auth.test')).toHaveLength(1);
    expect(warnings(lines).map((w) => [w.scope, w.msg])).toEqual([
      [
        'pins:write',
        'the bot token lacks the pins:write scope: the kick-off message will not be pinned. Reinstall the app from manifest.yml.',
      ],
      ['files:write', expect.stringContaining('the postmortem cannot be uploaded')],
    ]);
    expect((await fetch(h.eventsUrl.replace('/slack/events', '/healthz'))).status).toBe(200);
  });

  it('a token installed from manifest.yml gets no warning', async () => {
    fake = await FakeSlack.start({ token: BOT_TOKEN });
    const lines: string[] = [];
    h = await startHarness({ fake, askWhoAmI: true, logLines: lines });
    expect(fake.okCalls('auth.test')).toHaveLength(1);
    expect(warnings(lines)).toEqual([]);
  });
});

describe('the app as a process, started as a new user would', () => {
  let fake: FakeSlack;
  let app: RunningApp | undefined;
  beforeAll(async () => {
    fake = await FakeSlack.start({ token: BOT_TOKEN, scopes: ALL_SCOPES.filter((s) => s !== 'files:write') });
  });
  afterEach(async () => app?.stop());
  afterAll(async () => fake.stop());

  it('logs which mode runs and why, and warns about a missing scope', async () => {
    app = await startAppProcess({ fake });
    const logged = app.lines.map((l) => JSON.parse(l));
    expect(logged.map((l) => l.msg)).toContain('starting in HTTP mode (SLACK_APP_TOKEN is not set)');
    expect(logged.filter((l) => l.scope).map((l) => l.scope)).toEqual(['files:write']);
  });

  it('a .env copied from .env.example, with the app-token placeholder left in, is refused instead of switching to Socket Mode', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-dotenv-'));
    const example = fs.readFileSync(path.resolve(__dirname, '..', '..', '.env.example'), 'utf8');
    fs.writeFileSync(
      path.join(dir, '.env'),
      example
        .replace('xoxb-your-bot-token', BOT_TOKEN)
        .replace(/^SLACK_SIGNING_SECRET=$/m, `SLACK_SIGNING_SECRET=${SIGNING_SECRET}`),
    );
    const exit = await appProcessExit({
      fake,
      cwd: dir,
      env: { SLACK_BOT_TOKEN: undefined, SLACK_SIGNING_SECRET: undefined },
    });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(
      /^Commander cannot start: SLACK_APP_TOKEN: still holds the example value from \.env\.example; [^\n]*\n$/,
    );
  });

  it('a Slack API URL with a password is refused, and the password is printed nowhere', async () => {
    const url = new URL(fake.url);
    url.username = 'proxy';
    url.password = 'hunter2';
    const exit = await appProcessExit({ fake, env: { SLACK_API_URL: url.toString() } });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toBe('Commander cannot start: SLACK_API_URL: must not contain a user name or password\n');
    expect(exit.stdout + exit.stderr).not.toContain('hunter2');
  });

  it('a PORT another program holds stops start-up with one sentence naming PORT', async () => {
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, () => resolve()));
    const port = (taken.address() as AddressInfo).port;
    try {
      const exit = await appProcessExit({ fake, env: { PORT: String(port) } });
      expect(exit.code).toBe(1);
      expect(exit.stderr).toBe(
        `Commander cannot start: PORT ${port} is already in use: choose another port for Slack's requests and /healthz.\n`,
      );
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});
