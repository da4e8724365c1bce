import path from 'node:path';
import { FakeSlack, type RecordedCall } from '../test/support/fake-slack';
import { ANNOUNCE_CHANNEL, BOT_TOKEN, PEOPLE, SIGNING_SECRET } from '../test/support/harness';
import { SlackUser } from '../test/support/slack-user';
import { startAppProcess } from './app-process';
import type { BenchResult } from './benches';
import { elapsedMs, ms, percentile, perSecond } from './stats';

/** Declarations per run: one person at a time, then several at once. */
const RUNS = [
  { concurrency: 1, declarations: 100 },
  { concurrency: 10, declarations: 300 },
];
const WARM_UP = 20;
const WAIT_MS = 15_000;

/** `/incident declare`, then the modal submitted; resolves with the ms from submit until the announcement reached Slack. */
export async function declareOnce(fake: FakeSlack, user: SlackUser, title: string): Promise<number> {
  const opened = fake.waitForCall('views.open', (c) => initialTitle(c) === title, WAIT_MS);
  await user.command(`declare ${title}`);
  const call = await opened;
  const view = fake.views().find((v) => v.id === call.response?.view?.id);
  if (!view) throw new Error(`no declare modal for ${title}`);
  // Listening before submitting, so the time is taken when the fake records the call.
  const announced = fake
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
 * The whole declare flow through the real app (in a process of its own) and the fake Slack (in
 * this one): command, modal submission, then channel, invites, topic, kick-off, pin and
 * announcement; one person at a time, then several people declaring at once.
 */
export async function declareBenchmark(dir: string): Promise<BenchResult[]> {
  const fake = await FakeSlack.start({ token: BOT_TOKEN });
  for (const [name, id] of Object.entries(PEOPLE)) fake.addUser({ id, name, tz: 'Europe/London' });
  fake.addChannel({ id: 'CGENERAL', name: 'general' });
  fake.addChannel({ id: ANNOUNCE_CHANNEL, name: 'incidents' });
  const app = await startAppProcess({ fakeUrl: fake.url, dbPath: path.join(dir, 'declare.db') });
  try {
    // With several declarations at once the app is never idle, so these people do not wait for it.
    const user = new SlackUser({
      url: () => app.eventsUrl,
      secret: SIGNING_SECRET,
      fake,
      userId: PEOPLE.alice,
      afterEach: async () => undefined,
    });
    let next = 0;
    const run = async (count: number, concurrency: number, latencies: number[]) => {
      const limit = next + count;
      const loop = async () => {
        while (next < limit) latencies.push(await declareOnce(fake, user, `bench-${next++}-x`));
      };
      await Promise.all(Array.from({ length: concurrency }, loop));
      await app.idle();
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
    const channels = fake.okCalls('conversations.create').length;
    if (channels !== next) throw new Error(`expected ${next} incident channels, the fake has ${channels}`);
    return rows;
  } finally {
    await app.stop();
    await fake.stop();
  }
}
