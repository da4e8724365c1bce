import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { freshPostgresDatabase } from '../support/postgres';
import { WebhookReceiver } from '../support/webhook-receiver';
import { declareIncident } from './flows';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const hook = path.join(root, 'scripts', 'register-ts.js');
const cli = path.join(root, 'src', 'cli', 'webhooks.ts');
const SECRET = 'status-page-secret-0123456789';

/** The same commands against each store Commander can keep its data in. */
describe.each(['SQLite', 'PostgreSQL'])('npm run webhooks on %s', (engine) => {
  let h: Harness;
  let receiver: WebhookReceiver;
  let env: NodeJS.ProcessEnv;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>> | undefined;

  beforeAll(async () => {
    database = engine === 'PostgreSQL' ? await freshPostgresDatabase() : undefined;
    receiver = await WebhookReceiver.start(SECRET);
    h = await startHarness({
      policy: { webhooks: [{ url: receiver.url, secret: SECRET }] },
      ...(database ? { databaseUrl: database.url } : {}),
    });
    receiver.useClock(h.clock);
    receiver.answer(410, 410);
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'Given up', commander: PEOPLE.bob });
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'Also given up', commander: PEOPLE.bob });
    await h.stop();
    // The command line runs on the real clock, as a receiver checking signatures does.
    receiver.useClock({ now: () => Date.now() });
    const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'commander-webhooks-cli-')), 'commander.yml');
    fs.writeFileSync(config, `webhooks:\n  - { url: "${receiver.url}", secret: "\${WEBHOOK_SECRET}" }\n`);
    env = {
      ...process.env,
      // On PostgreSQL, DATABASE_URL is what counts; the SQLite path then points nowhere.
      DATABASE_PATH: database ? '/nonexistent/commander.db' : h.dbPath,
      ...(database ? { DATABASE_URL: database.url } : {}),
      COMMANDER_CONFIG: config,
      WEBHOOK_SECRET: SECRET,
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
    };
  });
  afterAll(async () => {
    await receiver.stop();
    await database?.close();
  });

  const webhooks = (...args: string[]) =>
    run(process.execPath, ['-r', hook, cli, ...args], { env, cwd: os.tmpdir() }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );

  it('failed lists the events that were given up; retry sends one again, signed, and it leaves the list', async () => {
    const listed = await webhooks('failed');
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^#1 {2}evt_\S+ {2}incident\.declared {2}incident #1 {2}127\.0\.0\.1:\d+ {2}1 attempt {2}HTTP 410 {2}given up 2026-11-24T09:00:00\.000Z$/,
    );
    expect(listed.stdout).not.toContain(SECRET);

    const retried = await webhooks('retry', '1');
    expect(retried).toMatchObject({ code: 0, stderr: '' });
    expect(retried.stdout).toBe(
      `Delivery #1 (incident.declared of incident #1) was taken by ${new URL(receiver.url).host}.\n`,
    );
    const sent = receiver.requests.at(-1)!;
    expect(sent).toMatchObject({ answer: 200, signature: 'valid' });
    expect(sent.body).toBe(receiver.requests[0]!.body);

    const after = await webhooks('failed');
    expect(after.stdout.trim().split('\n')).toHaveLength(1);
    expect(after.stdout).toMatch(/^#2 /);
    // Three processes, each compiling the CLI on start: on a busy machine that is more than jest's default.
  }, 45_000);

  it.each([
    [['retry', '99'], 'webhooks: There is no webhook delivery #99. See npm run webhooks -- failed.\n'],
    [
      ['resend'],
      'webhooks: Unknown command "resend". Usage: npm run webhooks -- failed        (webhook events that were given up)\n',
    ],
  ])('%j: one line saying why', async (args, stderr) => {
    expect(await webhooks(...args)).toEqual({ code: 1, stdout: '', stderr });
  });

  it('--help shows the usage', async () => {
    const help = await webhooks('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run webhooks -- retry ID');
  });
});
