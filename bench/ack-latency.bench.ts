import path from 'node:path';
import { BOT_TOKEN, PEOPLE, SIGNING_SECRET, startHarness } from '../test/support/harness';
import { formBody, postSigned } from '../test/support/signed-request';
import { API_APP_ID, TEAM } from '../test/support/slack-user';
import { startBareBolt } from './bare-bolt';
import type { LoadJob } from './load-client';
import { startLoadProcess } from './load-process';
import type { BenchResult } from './run';
import { ms, percentile } from './stats';

const LEVELS = [1, 10, 50];
/**
 * Whole comparisons per concurrency level. Within each, the two servers take turns in slices, so
 * that a change in the machine's load (other processes) falls on both alike.
 */
const REPEATS = 5;
const SLICES = 8;
const SLICE_REQUESTS = 250;
const WARM_UP = 1000;
const GOAL_MEDIAN = 1.15;
const GOAL_WORST = 1.3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Acknowledgement latency of `/incident help` (answered in the ack, no Slack call) on the real app
 * against a bare Bolt app that only acks, at a few concurrency levels; the load comes from a child
 * process over keep-alive connections on 127.0.0.1.
 */
export async function ackLatencyBenchmark(dir: string): Promise<BenchResult[]> {
  const h = await startHarness({ dbPath: path.join(dir, 'ack.db') });
  const bare = await startBareBolt({ signingSecret: SIGNING_SECRET, token: BOT_TOKEN, slackApiUrl: h.fake.url });
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
      response_url: h.fake.newResponseUrl(),
      trigger_id: h.fake.newTriggerId(),
    });
    const check = await postSigned(h.eventsUrl, body, SIGNING_SECRET);
    if (check.json?.response_type !== 'ephemeral' || !String(check.json?.text).includes('/incident declare')) {
      throw new Error(`/incident help did not ack with the ephemeral help: ${check.text.slice(0, 200)}`);
    }
    const servers = {
      bare: { url: bare.eventsUrl, expect: '' },
      app: { url: h.eventsUrl, expect: '"response_type":"ephemeral"' },
    };
    const job = (target: keyof typeof servers, concurrency: number, requests: number): LoadJob => ({
      ...servers[target],
      secret: SIGNING_SECRET,
      body,
      concurrency,
      requests,
    });
    const callsBefore = h.fake.calls().length;
    for (const target of ['bare', 'app'] as const) await load.run(job(target, 10, WARM_UP));

    const rows: BenchResult[] = [];
    for (const concurrency of LEVELS) {
      const ratios: number[] = [];
      const p99s = { app: [] as number[], bare: [] as number[] };
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        const latencies = { app: [] as number[], bare: [] as number[] };
        for (let slice = 0; slice < SLICES; slice++) {
          const order = slice % 2 === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const);
          for (const target of order) {
            // A few requests first so that every connection is open before timing starts.
            await load.run(job(target, concurrency, concurrency * 2));
            latencies[target].push(...(await load.run(job(target, concurrency, SLICE_REQUESTS))).latenciesMs);
          }
        }
        const p99 = { app: percentile(latencies.app, 99), bare: percentile(latencies.bare, 99) };
        p99s.app.push(p99.app);
        p99s.bare.push(p99.bare);
        ratios.push(p99.app / p99.bare);
      }
      const mid = median(ratios);
      const worst = Math.max(...ratios);
      rows.push({
        name: `ack \`/incident help\`, concurrency ${concurrency}: app's p99 ÷ bare Bolt's (one listener that only acks: the floor), ${REPEATS} runs of ${SLICES * SLICE_REQUESTS} requests each, interleaved`,
        value: `median ×${mid.toFixed(2)}, worst ×${worst.toFixed(2)} (runs: ${ratios.map((r) => r.toFixed(2)).join(', ')}; p99 app ${ms(median(p99s.app))}, bare ${ms(median(p99s.bare))})`,
        goal: `median ≤ ${GOAL_MEDIAN}×, worst ≤ ${GOAL_WORST}×`,
        ok: mid <= GOAL_MEDIAN && worst <= GOAL_WORST,
      });
    }
    const calls = h.fake.calls().slice(callsBefore);
    if (calls.length > 0) throw new Error(`/incident help made Slack calls: ${calls.map((c) => c.method).join(', ')}`);
    return rows;
  } finally {
    load.stop();
    await bare.stop();
    await h.stop();
  }
}
