/**
 * `npm run demo`: the real app (HTTP mode) against the test suite's fake Slack on 127.0.0.1, a
 * temporary database and a manual clock, playing one incident through signed requests exactly as
 * Slack sends them, and printing what each person would see. No network, no tokens.
 *
 *   npm run demo [-- --out postmortem.md]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCommander } from '../src/app/commander';
import { ManualClock } from '../test/support/manual-clock';
import { parseEnvironment } from '../src/config/env';
import { parsePolicy } from '../src/config/policy';
import { createLogger } from '../src/logger';
import { FakeSlack } from '../test/support/fake-slack';
import { SlackUser } from '../test/support/slack-user';
import { Narrator } from './narrator';
import { ANNOUNCEMENTS, CAST, DEMO_POLICY, DEMO_ZONE, GENERAL, playIncident } from './script';

const BOT_TOKEN = 'xoxb-demo-token';
const SIGNING_SECRET = 'demo-signing-secret';

function outPath(argv: string[], dir: string): string {
  const i = argv.indexOf('--out');
  if (i >= 0 && argv[i + 1]) return path.resolve(argv[i + 1]!);
  return path.join(dir, 'postmortem.md');
}

/** The postmortem's title and its durations table, as a taste of the file. */
function excerpt(markdown: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf('## Durations');
  if (start < 0) return lines.slice(0, 1);
  const next = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  const section = lines.slice(start, next < 0 ? undefined : next);
  while (section.at(-1) === '') section.pop();
  return [lines[0] ?? '', '', ...section];
}

async function main(): Promise<void> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-demo-'));
  const fake = await FakeSlack.start({ token: BOT_TOKEN });
  for (const { id, name, real_name } of Object.values(CAST)) fake.addUser({ id, name, real_name, tz: DEMO_ZONE });
  fake.addChannel(GENERAL);
  fake.addChannel(ANNOUNCEMENTS);

  // Whole minutes, so the times in the transcript read naturally.
  const clock = new ManualClock(Math.floor(Date.now() / 60_000) * 60_000);
  const env = parseEnvironment({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    PORT: '0',
    DATABASE_PATH: path.join(dir, 'commander.db'),
  });
  const commander = createCommander({
    env,
    policy: parsePolicy(DEMO_POLICY),
    // Log lines would drown the transcript; LOG_LEVEL=debug npm run demo shows them on stderr.
    logger: createLogger(process.env.LOG_LEVEL ?? 'silent', process.stderr),
    clock,
    identity: { botUserId: 'UBOTCOMMANDER', botId: 'BCOMMANDER' },
    clientOptions: { retryConfig: { retries: 0 }, timeout: 5_000 },
    scheduler: false,
  });
  const { port } = await commander.start();
  await commander.idle();
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  const narrator = new Narrator(fake, print);
  narrator.skipAll();

  print('Commander demo: the real app, a fake Slack on 127.0.0.1 and a scripted SEV1.');
  print(
    `People: ${Object.values(CAST)
      .map((p) => `@${p.name} (${p.real_name}, ${p.role})`)
      .join('; ')}.`,
  );
  try {
    const postmortem = await playIncident({
      fake,
      commander,
      clock,
      narrator,
      as: (person) =>
        new SlackUser({
          url: () => eventsUrl,
          secret: SIGNING_SECRET,
          fake,
          userId: CAST[person].id,
          afterEach: () => commander.idle(),
        }),
      tick: async () => {
        await commander.tick();
        await commander.idle();
      },
    });
    const out = outPath(process.argv.slice(2), dir);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, postmortem.content);
    print('');
    for (const line of excerpt(postmortem.content)) print(line ? `  ${line}` : '');
    print('');
    print(`Postmortem written to ${out}`);
    if (narrator.refused.length > 0) {
      console.error(
        `Slack would have refused ${narrator.refused.length} call(s): ${narrator.refused.map((c) => `${c.method} (${c.error})`).join(', ')}`,
      );
      process.exitCode = 1;
    }
  } finally {
    await commander.stop();
    await fake.stop();
    for (const file of ['commander.db', 'commander.db-wal', 'commander.db-shm'])
      fs.rmSync(path.join(dir, file), { force: true });
    // The directory stays only when it holds the postmortem (no --out given).
    if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
