import path from 'node:path';
import { baseUrl, fixture, postRaw } from '../test/support/alert-sender';
import { PEOPLE, startHarness } from '../test/support/harness';
import type { BenchResult } from './benches';
import { elapsedMs, ms, percentile } from './stats';

const NOTIFICATIONS = 1_000;
const CONCURRENCY = 50;
const GROUPS = 20;
const TOKEN = 'bench-alertmanager-token-0123456789';

/**
 * A burst of Alertmanager notifications through the real endpoint: 1,000 of them, 50 in flight at
 * once, spread over 20 alert groups with a new alert (fingerprint) in each. Measures how fast the
 * 202 comes back, then checks the burst ended as exactly one incident per group.
 */
export async function alertsBenchmark(dir: string): Promise<BenchResult[]> {
  const h = await startHarness({
    dbPath: path.join(dir, 'alerts.db'),
    policy: {
      alerts: {
        sources: [{ name: 'bench-am', token: TOKEN }],
        routes: [
          { match: { alertname: 'Warmup' }, action: 'drop' },
          { action: 'declare', commander: PEOPLE.bob },
        ],
      },
    },
  });
  try {
    const base = fixture('alertmanager-firing.json');
    const alert = (base.alerts as Array<Record<string, unknown>>)[0]!;
    const url = `${baseUrl(h)}/alerts/alertmanager`;
    const latencies: number[] = [];
    let next = 0;
    const send = async () => {
      while (next < NOTIFICATIONS) {
        const i = next++;
        const group = i % GROUPS;
        const body = JSON.stringify({
          ...base,
          groupKey: `{}:{alertname="Bench${group}"}`,
          commonLabels: { alertname: `Bench${group}`, severity: 'critical' },
          alerts: [
            {
              ...alert,
              fingerprint: `bench-${i}`,
              labels: { alertname: `Bench${group}`, instance: `host-${i}`, severity: 'critical' },
            },
          ],
        });
        const started = process.hrtime.bigint();
        const response = await postRaw(url, body, { authorization: `Bearer ${TOKEN}` });
        latencies.push(elapsedMs(started));
        if (response.status !== 202) throw new Error(`notification ${i} answered ${response.status}`);
      }
    };
    // Warm-up (dropped by its route): the first requests pay for compilation and connections.
    const warmup = JSON.stringify({ ...base, groupKey: 'warmup', commonLabels: { alertname: 'Warmup' } });
    await Promise.all(
      Array.from({ length: CONCURRENCY }, () => postRaw(url, warmup, { authorization: `Bearer ${TOKEN}` })),
    );
    await h.commander.idle();
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: CONCURRENCY }, send));
    const answered = elapsedMs(started);
    await h.commander.idle();
    const processed = elapsedMs(started);
    const incidents = h.commander.db.prepare('SELECT COUNT(*) FROM incidents').pluck().get() as number;
    const p99 = percentile(latencies, 99);
    return [
      {
        name: `alert burst: ${NOTIFICATIONS} Alertmanager notifications, ${CONCURRENCY} at a time, ${GROUPS} groups`,
        value: `${incidents} incidents; 202 p50 ${ms(percentile(latencies, 50))}, p99 ${ms(p99)}; all answered in ${ms(answered)}, all processed in ${ms(processed)}`,
        goal: `exactly ${GROUPS} incidents; 202 p99 < 500 ms (proposed)`,
        ok: incidents === GROUPS && p99 < 500,
        floor: `${GROUPS} incidents: one per alert group, none lost or doubled; the 202 has no measured floor`,
      },
    ];
  } finally {
    await h.stop();
  }
}
