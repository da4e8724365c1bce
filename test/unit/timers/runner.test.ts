import { createJobRunner } from '../../../src/timers/runner';
import { leaseHolderOf } from '../../../src/timers/lease-holder';
import { createLogger } from '../../../src/logger';
import type { Tx } from '../../../src/store';
import type { ClaimedItem, TimedJob } from '../../../src/timers/timed-job';
import { ManualClock } from '../../support/manual-clock';
import { STORE_ENGINES } from '../../support/store-engines';
import { seedDueReminders } from '../../support/store-fixtures';

const NOW = Date.UTC(2026, 11, 2, 9);

describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))('%s: the job runner', (_name, makeEngine) => {
  const engine = makeEngine();
  let store: Tx;
  let ids: number[];
  let lines: string[];
  const clock = new ManualClock(NOW);
  const runnerFor = (owner: string) =>
    createJobRunner({
      store,
      clock,
      lease: leaseHolderOf({ leaseFor: 60_000 }, owner),
      logger: createLogger('debug', { write: (line: string) => void lines.push(line) }),
    });

  beforeEach(async () => {
    store = await engine.fresh();
    lines = [];
    ids = await seedDueReminders(store, 3, NOW);
  });
  afterAll(() => engine.end());

  /** A reminders-like job: marks the row not due once worked, as the real one does. */
  const job = (work: (item: ClaimedItem) => Promise<boolean>, extra: Partial<TimedJob> = {}): TimedJob => ({
    name: 'test',
    kind: 'reminder',
    batch: 10,
    work,
    ...extra,
  });
  const settle = (item: ClaimedItem) =>
    item.complete(async (tx) => {
      const state = await tx.reminders.get(item.id);
      if (state) await tx.reminders.save({ ...state, dueAt: null });
    });

  it('hands each due row to the job once, in due order, and counts what the job says counted', async () => {
    const seen: number[] = [];
    const counted = await runnerFor('a').run(
      job(async (item) => {
        seen.push(item.id);
        expect(item.now).toBe(NOW);
        await settle(item);
        return item.id !== ids[1];
      }),
    );
    expect(seen).toEqual(ids);
    expect(counted).toBe(2);
    expect((await store.reminders.get(ids[0] as number))?.dueAt).toBeNull();
  });

  it("lets a request in between two items, not only after the job's last", async () => {
    const events: string[] = [];
    const run = runnerFor('a').run(
      job(async (item) => {
        events.push(`item ${item.id}`);
        if (item.id === ids[0]) setImmediate(() => events.push('request answered'));
        await settle(item);
        return true;
      }),
    );
    await run;
    expect(events.indexOf('request answered')).toBeGreaterThan(events.indexOf(`item ${ids[0]}`));
    expect(events.indexOf('request answered')).toBeLessThan(events.indexOf(`item ${ids[2]}`));
  });

  it('logs an item that fails and goes on with the others; the failed one keeps its lease', async () => {
    const seen: number[] = [];
    const runner = runnerFor('a');
    await runner.run(
      job(async (item) => {
        seen.push(item.id);
        if (item.id === ids[0]) throw new Error('boom');
        await settle(item);
        return true;
      }),
    );
    expect(seen).toEqual(ids);
    expect(lines.some((l) => l.includes('timed job failed for one item') && l.includes('"job":"test"'))).toBe(true);
    expect((await store.leases.holder('reminder', ids[0] as number))?.owner).toBe('a');
    // Nobody else takes it before the lease runs out.
    expect(await runnerFor('b').run(job(async () => true))).toBe(0);
  });

  it('overlapping runs of a job in one process share one run', async () => {
    let calls = 0;
    const runner = runnerFor('a');
    const slow = job(async (item) => {
      calls++;
      await settle(item);
      return true;
    });
    const [first, second] = await Promise.all([runner.run(slow), runner.run(slow)]);
    expect(calls).toBe(3);
    expect([first, second]).toEqual([3, 3]);
  });

  it('completing after another replica took the row over writes nothing and says so', async () => {
    let outcome: { held: boolean } | undefined;
    await runnerFor('a').run(
      job(
        async (item) => {
          // This replica stalled past its lease; another took the row over meanwhile.
          await store.leases.release('reminder', item.id, 'a');
          await store.leases.claim('reminder', item.id, NOW, { owner: 'b', until: NOW + 60_000 });
          outcome = await settle(item);
          return false;
        },
        { batch: 1 },
      ),
    );
    expect(outcome).toEqual({ held: false });
    expect((await store.reminders.get(ids[0] as number))?.dueAt).toBe(NOW - 10);
  });

  it("leases for as long as a job asks, when one item may outlast the policy's lease", async () => {
    const until: Array<number | undefined> = [];
    const long = job(
      async (item) => {
        until.push((await store.leases.holder('reminder', item.id))?.until);
        await settle(item);
        return true;
      },
      { batch: 1, leaseFor: 10 * 60_000 },
    );
    await runnerFor('a').run(long);
    await store.reminders.save({ ...(await store.reminders.get(ids[1] as number))!, dueAt: NOW + 3_600_000 });
    await runnerFor('a').runOne(long, ids[1] as number);
    expect(until).toEqual([NOW + 10 * 60_000, NOW + 10 * 60_000]);
  });

  it('a job that is off claims nothing', async () => {
    let calls = 0;
    const counted = await runnerFor('a').run(
      job(
        async () => {
          calls++;
          return true;
        },
        { enabled: () => false },
      ),
    );
    expect([counted, calls]).toEqual([0, 0]);
    expect(await store.leases.holder('reminder', ids[0] as number)).toBeNull();
  });

  it('works one row at once when asked, due or not, unless another replica holds it', async () => {
    const seen: number[] = [];
    const once = job(async (item) => {
      seen.push(item.id);
      await settle(item);
      return true;
    });
    await store.reminders.save({ ...(await store.reminders.get(ids[2] as number))!, dueAt: NOW + 3_600_000 });
    expect(await runnerFor('a').runOne(once, ids[2] as number)).toBe(true);
    await store.leases.claim('reminder', ids[0] as number, NOW, { owner: 'b', until: NOW + 60_000 });
    expect(await runnerFor('a').runOne(once, ids[0] as number)).toBeNull();
    expect(seen).toEqual([ids[2]]);
    expect(await store.leases.holder('reminder', ids[2] as number)).toBeNull();
  });

  it('a run asked for while one is under way looks again before it ends, so a row due meanwhile waits for no tick', async () => {
    const runner = runnerFor('a');
    const seen: number[] = [];
    let later: Promise<number> | undefined;
    const counted = await runner.run(
      job(async (item) => {
        seen.push(item.id);
        await settle(item);
        if (item.id === ids[2]) {
          // Made due while the run is on its last row, and the run asked for again (a new alert arriving).
          await store.reminders.save({ ...(await store.reminders.get(ids[0] as number))!, dueAt: NOW - 1 });
          later = runner.run(job(async () => false));
        }
        return true;
      }),
    );
    expect(seen).toEqual([ids[0], ids[1], ids[2], ids[0]]);
    expect(counted).toBe(4);
    expect(await later).toBe(4);
  });
});
