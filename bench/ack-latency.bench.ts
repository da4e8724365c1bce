import fs from 'node:fs';
import path from 'node:path';
import { FakeSlack } from '../test/support/fake-slack';
import { BOT_TOKEN, PEOPLE, SIGNING_SECRET } from '../test/support/harness';
import { formBody, postSigned } from '../test/support/signed-request';
import { API_APP_ID, TEAM } from '../test/support/slack-user';
import { startLoadProcess } from './load-process';
import type { BenchResult } from './benches';
import { APP_MAIN, BARE_MAIN, checkBuilt, type ServerProcess, serverEnv, sleep, startServer } from './server-process';
import { ms, percentile } from './stats';

/**
 * Concurrency levels, and the requests per server in each comparison. A p99 rests on the slowest
 * 1%; at high concurrency one stall of the machine (another process, a collection) delays every
 * request in flight at once, so more requests keep a single stall from being the whole tail.
 */
const LEVELS: Array<{ concurrency: number; requests: number }> = [
  { concurrency: 1, requests: 12_000 },
  { concurrency: 10, requests: 12_000 },
  { concurrency: 50, requests: 20_000 },
];
/** Whole comparisons per concurrency level; the goal is on their median and on the worst. */
const REPEATS = 5;
/**
 * Within a comparison the two servers take turns of BLOCK requests (ABBA…), so that a change in
 * the machine's load (other processes, the client's own garbage collection) falls on both alike.
 */
const BLOCK = 200;
/** Requests to each server before anything is measured, so both are past the JIT's warm-up. */
const WARM_UP = 3_000;
/** Requests to each server at a new concurrency level before its runs are measured. */
const LEVEL_WARM_UP = 1_000;
/** A pause between comparisons, for timers and deferred work to run outside the measured requests. */
const SETTLE_MS = 200;
const GOAL_MEDIAN = 1.15;
const GOAL_WORST = 1.3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Acknowledgement latency of `/incident help` (answered in the ack, no Slack call) on the built
 * app against a bare Bolt app that acks with the same reply, at a few concurrency levels. Both run
 * as their own processes, started alike (`node <main>`, same environment, HTTP receiver, auth.test
 * against the fake Slack at start); the load comes from a third process over keep-alive
 * connections on 127.0.0.1, which times both.
 */
export async function ackLatencyBenchmark(dir: string): Promise<BenchResult[]> {
  checkBuilt();
  const fake = await FakeSlack.start({ token: BOT_TOKEN });
  const cwd = fs.mkdtempSync(path.join(dir, 'ack-'));
  const env = serverEnv({ token: BOT_TOKEN, signingSecret: SIGNING_SECRET, slackApiUrl: fake.url, cwd });
  const app = await startServer(APP_MAIN, env, cwd);
  let bare: ServerProcess | undefined;
  const load = startLoadProcess();
  try {
    const body = formBody({
      token: 'deprecated-verification-token',
      team_id: TEAM.id,
      team_domain: TEAM.domain,
      channel_id: 'CGENERAL',
      channel_name: 'general',
      user_id: PEOPLE.alice,
      user_name: 'alice',
      command: '/incident',
      text: 'help',
      api_app_id: API_APP_ID,
      is_enterprise_install: 'false',
      response_url: fake.newResponseUrl(),
      trigger_id: fake.newTriggerId(),
    });
    const check = await postSigned(app.eventsUrl, body, SIGNING_SECRET);
    if (check.json?.response_type !== 'ephemeral' || !String(check.json?.text).includes('/incident declare')) {
      throw new Error(`/incident help did not ack with the ephemeral help: ${check.text.slice(0, 200)}`);
    }
    // The floor answers with the very bytes the app answered: a reply of some 2 KB costs Bolt's ack
    // (and the client reading it) more than an empty one, and that is the reply's cost, not the app's.
    bare = await startServer(BARE_MAIN, { ...env, BARE_ACK_BODY: check.text }, cwd);
    if ((await postSigned(bare.eventsUrl, body, SIGNING_SECRET)).text !== check.text)
      throw new Error('bare Bolt did not ack with the same reply as the app');
    const targets = [
      { url: bare.eventsUrl, expect: '"response_type":"ephemeral"' },
      { url: app.eventsUrl, expect: '"response_type":"ephemeral"' },
    ];
    const common = { targets, secret: SIGNING_SECRET, body };
    const callsBefore = fake.calls().length;
    await load.interleave({ ...common, concurrency: 10, blockRequests: WARM_UP / 10, blocks: 10 });

    const rows: BenchResult[] = [];
    for (const { concurrency, requests } of LEVELS) {
      const blocks = Math.ceil(requests / BLOCK);
      // Unmeasured turns at this concurrency first: its connections, and each server's handling of that many at once, warm.
      await load.interleave({ ...common, concurrency, blockRequests: BLOCK, blocks: LEVEL_WARM_UP / BLOCK });
      const ratios: number[] = [];
      const p99s = { app: [] as number[], bare: [] as number[] };
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        await sleep(SETTLE_MS);
        const { latenciesMs } = await load.interleave({ ...common, concurrency, blockRequests: BLOCK, blocks });
        const p99 = { bare: percentile(latenciesMs[0]!, 99), app: percentile(latenciesMs[1]!, 99) };
        p99s.app.push(p99.app);
        p99s.bare.push(p99.bare);
        ratios.push(p99.app / p99.bare);
      }
      const mid = median(ratios);
      const worst = Math.max(...ratios);
      rows.push({
        name: `ack \`/incident help\`, concurrency ${concurrency}: app's p99 ÷ bare Bolt's, each its own process, ${REPEATS} runs of ${blocks * BLOCK} requests to each, interleaved in turns of ${BLOCK}`,
        floor:
          'bare Bolt with one listener that acks with the same help text (the same bytes on the wire): Bolt’s own handling of the request, nothing of Commander',
        value: `median ×${mid.toFixed(2)}, worst ×${worst.toFixed(2)} (runs: ${ratios.map((r) => r.toFixed(2)).join(', ')}; p99 app ${ms(median(p99s.app))}, bare ${ms(median(p99s.bare))})`,
        goal: `median ≤ ${GOAL_MEDIAN}×, worst ≤ ${GOAL_WORST}×`,
        ok: mid <= GOAL_MEDIAN && worst <= GOAL_WORST,
      });
    }
    const calls = fake.calls().slice(callsBefore);
    if (calls.length > 0) throw new Error(`/incident help made Slack calls: ${calls.map((c) => c.method).join(', ')}`);
    return rows;
  } finally {
    load.stop();
    await bare?.stop();
    await app.stop();
    await fake.stop();
  }
}
