import path from 'node:path';
import { BOT_TOKEN, PEOPLE, SIGNING_SECRET, startHarness } from '../test/support/harness';
import { formBody, postSigned } from '../test/support/signed-request';
import { API_APP_ID, TEAM } from '../test/support/slack-user';
import { startBareBolt } from './bare-bolt';
import type { LoadJob } from './load-client';
import { startLoadProcess } from './load-process';
import type { BenchResult } from './run';
import { ms, percentile, perSecond } from './stats';

const LEVELS = [1, 10, 50];
/** Per concurrency level and server, split over ROUNDS that alternate the two servers (drift hits both). */
const REQUESTS = 4000;
const ROUNDS = 4;
const WARM_UP = 1000;
const GOAL_RATIO = 1.3;

interface Sample {
  latencies: number[];
  wallMs: number;
  requests: number;
}

const summary = (s: Sample) => ({
  p50: percentile(s.latencies, 50),
  p99: percentile(s.latencies, 99),
  rps: perSecond(s.requests, s.wallMs),
});

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
      const samples = {
        bare: { latencies: [], wallMs: 0, requests: 0 } as Sample,
        app: { latencies: [], wallMs: 0, requests: 0 } as Sample,
      };
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of ['bare', 'app'] as const) {
          // A few requests first so that every connection is open before timing starts.
          await load.run(job(target, concurrency, concurrency * 5));
          const result = await load.run(job(target, concurrency, REQUESTS / ROUNDS));
          samples[target].latencies.push(...result.latenciesMs);
          samples[target].wallMs += result.wallMs;
          samples[target].requests += result.latenciesMs.length;
        }
      }
      const app = summary(samples.app);
      const base = summary(samples.bare);
      const ratio = app.p99 / base.p99;
      rows.push({
        name: `ack \`/incident help\`, concurrency ${concurrency}: app vs bare Bolt (p50 / p99, throughput)`,
        value: `${ms(app.p50)} / ${ms(app.p99)}, ${app.rps.toFixed(0)} req/s vs ${ms(base.p50)} / ${ms(base.p99)}, ${base.rps.toFixed(0)} req/s; p99 ×${ratio.toFixed(2)}`,
        goal: `p99 < ${GOAL_RATIO}× bare Bolt's`,
        ok: ratio < GOAL_RATIO,
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
