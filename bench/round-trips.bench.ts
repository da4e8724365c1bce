import path from 'node:path';
import { DEFAULT_POLICY_INPUT } from '../src/config/policy.defaults';
import { type Harness, PEOPLE, startHarness } from '../test/support/harness';
import { openedView } from '../test/integration/flows';
import type { BenchResult } from './run';
import { elapsedMs, ms } from './stats';

/** Slack answering after this long, as the real one roughly does; the declare path is measured at each. */
const LATENCIES = [50, 100, 250];
const FLOW_LATENCY = 100;
/** Declarations per latency; the median is reported. */
const DECLARATIONS = 5;
const DECLARE_GOAL = 3.5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** From the request Slack sends to the app until the last call the app made for it is answered. */
async function timed(h: Harness, work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  await h.commander.idle();
  return elapsedMs(started);
}

async function declare(h: Harness, title: string, severity = 'SEV1'): Promise<{ ms: number; channelId: string }> {
  const alice = h.user(PEOPLE.alice);
  await alice.command(`declare ${title}`);
  const view = openedView(h, 'declare_incident');
  const took = await timed(h, () => alice.submit(view, { severity, impact: 'Checkout is slow' }));
  const channelId = h.fake.okCalls('conversations.create').at(-1)!.response.channel.id as string;
  return { ms: took, channelId };
}

const roundTrips = (took: number, latency: number) => took / latency;

/**
 * Round trips of each flow against a fake Slack that answers every call after a fixed latency:
 * milliseconds ÷ latency. Each figure is compared with the flow's floor: the Slack calls that
 * need another's answer first, so cannot be made at the same time.
 */
export async function roundTripsBenchmark(dir: string): Promise<BenchResult[]> {
  const rows: BenchResult[] = [];
  const h = await startHarness({ dbPath: path.join(dir, 'round-trips.db') });
  try {
    const declarations = async (latency: number) => {
      h.fake.setLatency(latency);
      const times: number[] = [];
      for (let i = 0; i < DECLARATIONS; i++) times.push((await declare(h, `rt ${latency} ${i}`)).ms);
      return median(times);
    };
    for (let i = 0; i < 3; i++) await declare(h, 'warm up');
    // The same path with a Slack that answers at once: the work of the app and of the fake Slack
    // (both in this process: HTTP, Bolt, SQLite, Block Kit checks), which no parallelism removes.
    const own = await declarations(0);
    for (const latency of LATENCIES) {
      const took = await declarations(latency);
      const trips = roundTrips(took, latency);
      rows.push({
        name: `declare critical path at ${latency} ms Slack latency: submit → last set-up call answered (median of ${DECLARATIONS}); floor 3 (create, then kick-off, then pin)`,
        value: `${ms(took)} = ${trips.toFixed(2)} round trips (${ms(own)} of it spent working, as measured at 0 ms latency, app and fake Slack in one process: ${roundTrips(took - own, latency).toFixed(2)} waiting on Slack)`,
        goal: `≤ ${DECLARE_GOAL} round trips`,
        ok: trips <= DECLARE_GOAL,
      });
    }

    h.fake.setLatency(FLOW_LATENCY);
    const flow = (name: string, floor: string, took: number): BenchResult => ({
      name: `${name} at ${FLOW_LATENCY} ms latency; floor ${floor}`,
      value: `${ms(took)} = ${roundTrips(took, FLOW_LATENCY).toFixed(2)} round trips`,
      goal: 'at the floor + 0.5 (proposed)',
      ok: roundTrips(took, FLOW_LATENCY) <= Number.parseFloat(floor) + 0.5,
    });
    const alice = h.user(PEOPLE.alice);
    const { channelId } = await declare(h, 'flows');
    await alice.command('update', channelId);
    rows.push(
      flow(
        'status update (post, summary edit, topic, mirror, announcement edit): submit → done',
        '1 (all at once)',
        await timed(h, () => alice.submit(openedView(h, 'post_update'), { status: 'identified', summary: 'Found it' })),
      ),
    );
    rows.push(
      flow(
        'role assignment to someone else (`/incident assign comms @bob`): command → reply',
        '4 (is bob a person?; then invite, note, summary edit and DM at once, the DM opening its conversation first; then the reply)',
        await timed(h, () => alice.command(`assign comms <@${PEOPLE.bob}|bob>`, channelId)),
      ),
    );
    const minor = await declare(h, 'minor', 'SEV3');
    rows.push(
      flow(
        'severity change SEV3 → SEV1 (note, summary edit, topic, announcement edit, escalation announcement): command → reply',
        '2 (all at once, then the reply saying what was done)',
        await timed(h, () => alice.command('severity SEV1 climbing', minor.channelId)),
      ),
    );
    await alice.command('resolve', channelId);
    rows.push(
      flow(
        'resolve (post, summary edit, topic, mirror, announcement edit): submit → done',
        '1 (all at once)',
        await timed(h, () => alice.submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' })),
      ),
    );
  } finally {
    await h.stop();
  }
  rows.push(await escalationRoundTrips(dir));
  return rows;
}

const MANAGER = 'UMANAGER01';

/** The scheduler tick that escalates: the reminder DM to the commander, the channel note, the invite and the DM to the manager. */
async function escalationRoundTrips(dir: string): Promise<BenchResult> {
  const h = await startHarness({
    dbPath: path.join(dir, 'escalation.db'),
    policy: {
      reminders: { repeatAfter: '10s', snoozeFor: '20s', checkEvery: '1s' },
      severities: [
        {
          id: 'SEV1',
          name: 'Critical',
          updateEvery: '30s',
          escalateAfterMissed: 2,
          escalateTo: { users: [MANAGER] },
        },
        ...DEFAULT_POLICY_INPUT.severities.slice(1),
      ],
    },
  });
  try {
    h.fake.addUser({ id: MANAGER, name: 'manager', tz: 'UTC' });
    await declare(h, 'nobody home');
    h.clock.advance(30_000);
    await h.tick();
    h.clock.advance(10_000);
    await h.tick();
    h.clock.advance(10_000);
    h.fake.setLatency(FLOW_LATENCY);
    const took = await timed(h, () => h.tick());
    if (h.fake.okCalls('conversations.invite').filter((c) => String(c.args.users).includes(MANAGER)).length !== 1)
      throw new Error('the measured tick did not escalate');
    return {
      name: `escalation tick (reminder DM, then channel note, invite and DM to the manager at once) at ${FLOW_LATENCY} ms latency; floor 2 (a DM opens its conversation, then posts)`,
      value: `${ms(took)} = ${roundTrips(took, FLOW_LATENCY).toFixed(2)} round trips`,
      goal: 'at the floor + 0.5 (proposed)',
      ok: roundTrips(took, FLOW_LATENCY) <= 2.5,
    };
  } finally {
    await h.stop();
  }
}
