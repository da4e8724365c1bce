import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startAppProcess } from '../test/support/app-process';
import { FakeSlack, type RecordedCall } from '../test/support/fake-slack';
import { ANNOUNCE_CHANNEL, BOT_TOKEN, PEOPLE, SIGNING_SECRET } from '../test/support/harness';
import { SlackUser } from '../test/support/slack-user';
import type { BenchResult } from './benches';

const DECLARATIONS = 30;
/** Slack's clock runs this much faster in the fake: its minute lasts 6 real seconds. */
const TIME_SCALE = 10;
const SLACK_MINUTE_MS = 60_000 / TIME_SCALE;
/** Slack answers each call after this long (real ms), as a far-away Slack would. */
const LATENCY_MS = 50;
const GIVE_UP_MS = 90_000;
const TIER_2_PER_MINUTE = 20;

const slackSeconds = (realMs: number) => `${((realMs * TIME_SCALE) / 1000).toFixed(0)} s`;
const seconds = (realMs: number) => `${(realMs / 1000).toFixed(1)} s`;

/**
 * A storm of declarations against Slack's rate limits: 30 within one (Slack) minute, while the
 * fake applies Tier 2 to conversations.create and conversations.invite (20 a minute each) and
 * about one post a second per channel, answering 429 with Retry-After. The app runs as its own
 * process, as deployed (its own retries, its scheduler retrying unfinished set-ups), so its work
 * and the fake's do not share an event loop. Slack's clock runs ten times faster than the real one.
 */
export async function stormBenchmark(dir: string): Promise<BenchResult[]> {
  const fake = await FakeSlack.start({ token: BOT_TOKEN, latencyMs: LATENCY_MS });
  for (const [name, id] of Object.entries(PEOPLE)) fake.addUser({ id, name, tz: 'Europe/London' });
  fake.addChannel({ id: 'CGENERAL', name: 'general' });
  fake.addChannel({ id: ANNOUNCE_CHANNEL, name: 'incidents' });
  const config = path.join(dir, 'storm.yml');
  // Unfinished set-ups are tried again at every scheduler tick: each second.
  fs.writeFileSync(config, `announcementChannel: ${ANNOUNCE_CHANNEL}\nreminders:\n  checkEvery: 1s\n`);
  const dbPath = path.join(dir, 'storm.db');
  const app = await startAppProcess({
    fake,
    env: { COMMANDER_CONFIG: config, DATABASE_PATH: dbPath, LOG_LEVEL: 'info' },
  });
  try {
    const user = new SlackUser({
      url: () => app.eventsUrl,
      secret: SIGNING_SECRET,
      fake,
      userId: PEOPLE.alice,
      afterEach: async () => undefined,
    });
    fake.limitRates({ timeScale: TIME_SCALE });
    const started = performance.now();
    await Promise.all(
      Array.from({ length: DECLARATIONS }, async (_, i) => {
        // Evenly through one Slack minute.
        await new Promise((resolve) => setTimeout(resolve, (i * SLACK_MINUTE_MS) / DECLARATIONS));
        await declare(fake, user, `storm ${i}`);
      }),
    );
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const setUp = () => db.prepare('SELECT COUNT(*) FROM incidents WHERE setup_done_at IS NOT NULL').pluck().get();
    while ((setUp() as number) < DECLARATIONS && performance.now() - started < GIVE_UP_MS)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const allSetUp = performance.now() - started;
    const done = setUp() as number;
    db.close();

    const creates = fake.okCalls('conversations.create');
    const lastChannel = (creates.at(-1)?.at ?? started) - started;
    const early = fake.earlyRetries();
    const refused = countBy(fake.rateLimited().map((r) => (r.channel ? `${r.method} ${r.channel}` : r.method)));
    // Channel creations Slack answered while an announcement was waiting out its Retry-After:
    // held up behind the posts, there would be none.
    const postWaits = fake
      .rateLimited()
      .filter((r) => r.method === 'chat.postMessage')
      .map((r) => [r.at, r.at + r.retryAfterSeconds * 1000] as const);
    const createdDuringPostWaits = creates.filter((c) =>
      postWaits.some(([from, to]) => c.at > from && c.at < to),
    ).length;
    // Declaration i is made at i × (minute ÷ 30); Tier 2 lets the 21st creation of a minute go
    // once the first of that minute is a minute old, so the last can be made a minute after the 10th.
    const floorMs = ((DECLARATIONS - TIER_2_PER_MINUTE - 1) * SLACK_MINUTE_MS) / DECLARATIONS + SLACK_MINUTE_MS;
    const storm = `${DECLARATIONS} declarations within one Slack minute (the fake's clock ×${TIME_SCALE}: its minute lasts ${seconds(SLACK_MINUTE_MS)}), Tier 2 creates and invites, ~1 post/s per channel, ${LATENCY_MS} ms latency`;
    return [
      {
        name: `rate-limit storm: ${storm}; incidents fully set up`,
        value: `${done} of ${DECLARATIONS}, the last ${seconds(allSetUp)} after the first submit (${slackSeconds(allSetUp)} of Slack time); 429s: ${describe(refused)}`,
        goal: `all ${DECLARATIONS}`,
        ok: done === DECLARATIONS,
        floor: `${DECLARATIONS} (every declaration)`,
      },
      {
        name: 'rate-limit storm: calls made again before the Retry-After of their 429 had passed',
        value: `${early.length} (${fake.rateLimited().length} calls answered 429)`,
        goal: '0',
        ok: early.length === 0,
        floor: '0: Slack asks for no retry before Retry-After',
      },
      {
        name: 'rate-limit storm: the last incident channel created, after the first submit',
        value: `${seconds(lastChannel)} (${slackSeconds(lastChannel)} of Slack time; the floor is ${slackSeconds(floorMs)}); ${createdDuringPostWaits} channels created while an announcement waited out its Retry-After`,
        // Whether a creation fell inside a post's wait depends on timing, so it is told, not judged:
        // that creations never queue behind the posts' Retry-After is held by rate-limited-posts.test.ts.
        goal: 'reported (the issue asks for the time; creations apart from the posts’ waits: a test)',
        ok: creates.length === DECLARATIONS,
        floor: `${slackSeconds(floorMs)} of Slack time: Tier 2 allows 20 creations a minute, so the 21st to ${DECLARATIONS}th wait until the first ones are a minute old; the last can go a minute after the ${DECLARATIONS - TIER_2_PER_MINUTE}th declaration`,
      },
    ];
  } finally {
    await app.stop();
    await fake.stop();
  }
}

async function declare(fake: FakeSlack, user: SlackUser, title: string): Promise<void> {
  const opened = fake.waitForCall('views.open', (c) => initialTitle(c) === title, 30_000);
  await user.command(`declare ${title}`);
  const call = await opened;
  const view = fake.views().find((v) => v.id === call.response?.view?.id);
  if (!view) throw new Error(`no declare modal for ${title}`);
  const response = await user.submit(view, { severity: 'SEV2', impact: 'Checkout is slow' });
  if (response.json?.response_action !== 'update')
    throw new Error(`declare was refused: ${response.text.slice(0, 200)}`);
}

const initialTitle = (c: RecordedCall): unknown =>
  (c.args.view?.blocks as any[] | undefined)?.find((b) => b.block_id === 'title')?.element?.initial_value;

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

const describe = (counts: Map<string, number>) =>
  counts.size === 0
    ? 'none'
    : [...counts]
        .map(
          ([key, n]) =>
            `${key.replace(ANNOUNCE_CHANNEL, '#incidents').replace(/ C[A-Z0-9]+$/, ' (an incident channel)')} ×${n}`,
        )
        .join(', ');
