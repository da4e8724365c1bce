import fs from 'node:fs';
import path from 'node:path';
import { FakeSlack } from '../test/support/fake-slack';
import { BOT_TOKEN, SIGNING_SECRET } from '../test/support/harness';
import type { BenchResult } from './benches';
import { APP_MAIN, BARE_MAIN, checkBuilt, rssMb, serverEnv, sleep, startServer } from './server-process';
import { ms } from './stats';

const GOAL_START = 1.5;
const GOAL_RSS = 1.2;
const STARTS = 5;
/** How long the started app is left alone before its memory is read. */
const SETTLE_MS = 1_000;

type Run = { ms: number; rssMb: number | null };

/** Start, wait until it is healthy, leave it idle a moment, read its memory, stop it. */
async function startOnce(main: string, env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  const server = await startServer(main, env, cwd);
  try {
    await sleep(SETTLE_MS);
    return { ms: server.startMs, rssMb: rssMb(server.child.pid!) };
  } finally {
    await server.stop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The memory each start had, in MB; null where /proc cannot tell (not Linux). */
function rssOf(runs: Run[]): { lowest: number; median: number } | null {
  const known = runs.map((r) => r.rssMb).filter((v): v is number => v !== null);
  return known.length > 0 ? { lowest: Math.min(...known), median: median(known) } : null;
}

/**
 * Start-up time and idle memory of the built app as operators run it (`node dist/main.js`, HTTP
 * mode), against a fake Slack that answers the auth.test made at start-up. The first start
 * migrates a new database and is not counted; the others start on it as a restart would.
 */
export async function startupBenchmark(dir: string): Promise<BenchResult[]> {
  checkBuilt();
  const fake = await FakeSlack.start({ token: BOT_TOKEN });
  // A directory of its own, so a developer's .env is not read.
  const cwd = fs.mkdtempSync(path.join(dir, 'startup-'));
  const env = serverEnv({ token: BOT_TOKEN, signingSecret: SIGNING_SECRET, slackApiUrl: fake.url, cwd });
  try {
    await startOnce(APP_MAIN, env, cwd);
    await startOnce(BARE_MAIN, env, cwd);
    const runs = { app: [] as Run[], bare: [] as Run[] };
    // Interleaved, so that a change in the machine's load hits both alike.
    for (let i = 0; i < STARTS; i++) {
      runs.app.push(await startOnce(APP_MAIN, env, cwd));
      runs.bare.push(await startOnce(BARE_MAIN, env, cwd));
    }
    if (fake.okCalls('auth.test').length !== 2 * (STARTS + 1))
      throw new Error('the apps did not check their token with auth.test at each start');
    const app = { ms: median(runs.app.map((r) => r.ms)), rss: rssOf(runs.app) };
    const bare = { ms: median(runs.bare.map((r) => r.ms)), rss: rssOf(runs.bare) };
    const rows: BenchResult[] = [
      {
        name: `start-up: spawn → GET /healthz 200, \`node dist/main.js\` vs a bare Bolt app started alike, median of ${STARTS} interleaved`,
        floor:
          'bare Bolt started alike (HTTP receiver, auth.test, /healthz): Node and Bolt alone, with none of Commander’s modules, database or migrations',
        value: `${ms(app.ms)} vs ${ms(bare.ms)}: ×${(app.ms / bare.ms).toFixed(2)}`,
        goal: `≤ ${GOAL_START}× bare Bolt's`,
        ok: app.ms / bare.ms <= GOAL_START,
      },
    ];
    if (app.rss !== null && bare.rss !== null) {
      const ratio = app.rss.lowest / bare.rss.lowest;
      rows.push({
        name: `idle memory: VmRSS from /proc ${SETTLE_MS / 1000} s after start-up, app vs bare Bolt, lowest of ${STARTS} starts each`,
        value: `${app.rss.lowest.toFixed(0)} MB vs ${bare.rss.lowest.toFixed(0)} MB: ×${ratio.toFixed(2)} (medians ${app.rss.median.toFixed(0)} MB vs ${bare.rss.median.toFixed(0)} MB)`,
        floor:
          'bare Bolt started alike: Node and Bolt alone. The lowest of the starts, because in some starts of either, at random, one of Node’s helper threads keeps about 10 MB more in its malloc arena: noise that only adds',
        goal: `≤ ${GOAL_RSS}× bare Bolt's`,
        ok: ratio <= GOAL_RSS,
      });
    }
    return rows;
  } finally {
    await fake.stop();
  }
}
