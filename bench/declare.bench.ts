import path from 'node:path';
import type { RecordedCall } from '../test/support/fake-slack';
import { ANNOUNCE_CHANNEL, PEOPLE, SIGNING_SECRET, startHarness, type Harness } from '../test/support/harness';
import { SlackUser } from '../test/support/slack-user';
import type { BenchResult } from './run';
import { elapsedMs, ms, percentile, perSecond } from './stats';

/** Declarations per run: one person at a time, then several at once. */
const RUNS = [
  { concurrency: 1, declarations: 100 },
  { concurrency: 10, declarations: 300 },
];
const WARM_UP = 20;
const WAIT_MS = 15_000;

/** `/incident declare`, then the modal submitted; resolves with the ms from submit until the announcement reached Slack. */
async function declareOnce(h: Harness, user: SlackUser, title: string): Promise<number> {
  const opened = h.fake.waitForCall('views.open', (c) => initialTitle(c) === title, WAIT_MS);
  await user.command(`declare ${title}`);
  const call = await opened;
  const view = h.fake.views().find((v) => v.id === call.response?.view?.id);
  if (!view) throw new Error(`no declare modal for ${title}`);
  // Listening before submitting, so the time is taken when the fake records the call.
  const announced = h.fake
    .waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === ANNOUNCE_CHANNEL && String(c.args.text).endsWith(` ${title}`),
      WAIT_MS,
    )
    .then(() => process.hrtime.bigint());
  const started = process.hrtime.bigint();
  const response = await user.submit(view, { severity: 'SEV2', impact: 'Checkout is slow for some customers' });
  if (response.json?.response_action !== 'update')
    throw new Error(`declare was refused: ${response.text.slice(0, 200)}`);
  return Number((await announced) - started) / 1e6;
}

const initialTitle = (c: RecordedCall): unknown =>
  (c.args.view?.blocks as any[] | undefined)?.find((b) => b.block_id === 'title')?.element?.initial_value;

/**
 * The whole declare flow through the real app and the fake Slack (both in this process): command,
 * modal submission, then channel, invites, topic, kick-off, pin and announcement; one person at a
 * time, then several people declaring at once.
 */
export async function declareBenchmark(dir: string): Promise<BenchResult[]> {
  const h = await startHarness({ dbPath: path.join(dir, 'declare.db') });
  try {
    // The harness's own users wait for the app to be idle after each request; with several
    // declarations at once it never is, so these do not wait.
    const user = new SlackUser({
      url: () => h.eventsUrl,
      secret: SIGNING_SECRET,
      fake: h.fake,
      userId: PEOPLE.alice,
      afterEach: async () => undefined,
    });
    let next = 0;
    const run = async (count: number, concurrency: number, latencies: number[]) => {
      const limit = next + count;
      const loop = async () => {
        while (next < limit) latencies.push(await declareOnce(h, user, `bench-${next++}-x`));
      };
      await Promise.all(Array.from({ length: concurrency }, loop));
      await h.commander.idle();
    };
    await run(WARM_UP, 10, []);
    const rows: BenchResult[] = [];
    for (const { concurrency, declarations } of RUNS) {
      const latencies: number[] = [];
      const started = process.hrtime.bigint();
      await run(declarations, concurrency, latencies);
      const wall = elapsedMs(started);
      const p99 = percentile(latencies, 99);
      rows.push({
        name: `declare flow (submit → announcement on the fake Slack), ${declarations} declarations, ${concurrency} at a time`,
        value: `${perSecond(declarations, wall).toFixed(0)} declarations/s, p50 ${ms(percentile(latencies, 50))}, p99 ${ms(p99)}`,
        goal: 'p99 < 3000 ms (proposed)',
        ok: p99 < 3000,
        floor:
          'none measured: 3 s, the time Slack gives an app to answer, as what a person waits before thinking it failed',
      });
    }
    const channels = h.fake.okCalls('conversations.create').length;
    if (channels !== next) throw new Error(`expected ${next} incident channels, the fake has ${channels}`);
    return rows;
  } finally {
    await h.stop();
  }
}
