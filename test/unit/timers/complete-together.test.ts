import { createJobRunner } from '../../../src/timers/runner';
import { CLAIM_TOGETHER, leaseHolderOf } from '../../../src/timers/lease-holder';
import { createLogger } from '../../../src/logger';
import type { Tx } from '../../../src/store';
import type { ClaimedItem, TimedJob } from '../../../src/timers/timed-job';
import { ManualClock } from '../../support/manual-clock';
import { STORE_ENGINES } from '../../support/store-engines';
import { emptyReminder } from '../../../src/reminders/reminder.types';
import { seedDueReminders } from '../../support/store-fixtures';

const NOW = Date.UTC(2026, 11, 2, 9);

describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))(
  '%s: a job whose items complete together',
  (_name, makeEngine) => {
    const engine = makeEngine();
    let store: Tx;
    let ids: number[];
    let lines: string[];
    /** Transactions begun on the store (a savepoint inside one is not counted). */
    let transactions: number;
    /** What happened, in order: items' events the tests push, and each transaction's commit. */
    let events: string[];
    const clock = new ManualClock(NOW);
    const runnerFor = (owner: string) =>
      createJobRunner({
        store: {
          leases: store.leases,
          incidents: store.incidents,
          reminders: store.reminders,
          transaction: async (work) => {
            transactions++;
            const result = await store.transaction(work);
            events.push('committed');
            return result;
          },
        },
        clock,
        lease: leaseHolderOf({ leaseFor: 60_000 }, owner),
        logger: createLogger('debug', { write: (line: string) => void lines.push(line) }),
      });

    beforeEach(async () => {
      store = await engine.fresh();
      lines = [];
      ids = await seedDueReminders(store, 3, NOW);
      transactions = 0;
      events = [];
    });
    afterAll(() => engine.end());

    const job = (work: (item: ClaimedItem) => Promise<boolean>, extra: Partial<TimedJob> = {}): TimedJob => ({
      name: 'test',
      kind: 'reminder',
      batch: 10,
      completeTogether: true,
      work,
      ...extra,
    });
    /** Marks the row not due, as the reminders job does once it has sent. */
    const settle = (item: ClaimedItem, more: (tx: Tx) => Promise<unknown> = async () => undefined) =>
      item.complete(async (tx) => {
        const state = await tx.reminders.get(item.id);
        if (state) await tx.reminders.save({ ...state, dueAt: null });
        await more(tx);
      });
    const dueAt = async (id: number | undefined) => (await store.reminders.get(id as number))?.dueAt;
    const holder = async (id: number | undefined) => (await store.leases.holder('reminder', id as number))?.owner;

    it('commits a batch of items in one transaction, where one after another commits one each', async () => {
      expect(await runnerFor('a').run(job(async (item) => !!(await settle(item))))).toBe(3);
      expect(transactions).toBe(1);
      for (const id of ids) expect([await dueAt(id), await holder(id)]).toEqual([null, undefined]);

      await store.reminders.save({ ...emptyReminder(ids[0] as number), dueAt: NOW - 1 });
      await store.reminders.save({ ...emptyReminder(ids[1] as number), dueAt: NOW - 1 });
      transactions = 0;
      await runnerFor('a').run(job(async (item) => !!(await settle(item)), { completeTogether: false }));
      expect(transactions).toBe(2);
    });

    it('works more rows than one claim takes: each row once, and a transaction per claimed few', async () => {
      const more = await seedDueReminders(store, CLAIM_TOGETHER - 1, NOW - 100, 'L');
      const seen: number[] = [];
      const counted = await runnerFor('a').run(
        job(
          async (item) => {
            seen.push(item.id);
            return (await settle(item)).held;
          },
          { batch: 2 * CLAIM_TOGETHER },
        ),
      );
      expect([counted, transactions]).toEqual([CLAIM_TOGETHER + 2, 2]);
      expect(seen.sort((x, y) => x - y)).toEqual([...ids, ...more]);
      for (const id of seen) expect(await dueAt(id)).toBeNull();
    });

    it('claims a third few only once the first has committed: one few commits while the next is worked', async () => {
      await seedDueReminders(store, 2 * CLAIM_TOGETHER + 2, NOW - 100, 'L');
      await runnerFor('a').run(
        job(
          async (item) => {
            events.push('start');
            return (await settle(item)).held;
          },
          { batch: 3 * CLAIM_TOGETHER },
        ),
      );
      const starts = events.flatMap((e, i) => (e === 'start' ? [i] : []));
      expect(starts).toHaveLength(2 * CLAIM_TOGETHER + 5);
      expect(starts[2 * CLAIM_TOGETHER]).toBeGreaterThan(events.indexOf('committed'));
    });

    it('works the items of a batch at the same time: each starts before any is recorded', async () => {
      await runnerFor('a').run(
        job(async (item) => {
          events.push(`start ${item.id}`);
          await settle(item);
          events.push(`recorded ${item.id}`);
          return true;
        }),
      );
      const items = events.filter((e) => e !== 'committed');
      expect(items.slice(0, 3)).toEqual(ids.map((id) => `start ${id}`));
      expect(items.slice(3).sort()).toEqual(ids.map((id) => `recorded ${id}`).sort());
    });

    it('lets a request in while its items work, before any of them is recorded', async () => {
      await runnerFor('a').run(
        job(async (item) => {
          events.push(`start ${item.id}`);
          if (item.id === ids[0]) setImmediate(() => events.push('request answered'));
          await settle(item);
          events.push(`recorded ${item.id}`);
          return true;
        }),
      );
      const answered = events.indexOf('request answered');
      expect(answered).toBeGreaterThan(events.indexOf(`start ${ids[0]}`));
      expect(answered).toBeLessThan(events.findIndex((e) => e.startsWith('recorded')));
    });

    it('undoes only the write of an item whose write fails: the others commit, and it keeps its lease', async () => {
      const outcomes: string[] = [];
      const counted = await runnerFor('a').run(
        job(async (item) => {
          // The middle item's write breaks a foreign key after its own save: on PostgreSQL that
          // spoils the whole transaction, not only the statement.
          const more = item.id === ids[1] ? (tx: Tx) => tx.reminders.save({ ...emptyReminder(999_999) }) : undefined;
          const recorded = await settle(item, more).then(
            () => true,
            () => false,
          );
          outcomes.push(`${item.id} ${recorded ? 'recorded' : 'failed'}`);
          return recorded;
        }),
      );
      expect(counted).toBe(2);
      expect(outcomes.sort()).toEqual([`${ids[0]} recorded`, `${ids[1]} failed`, `${ids[2]} recorded`].sort());
      expect([await dueAt(ids[0]), await dueAt(ids[2])]).toEqual([null, null]);
      expect([await dueAt(ids[1]), await holder(ids[1])]).toEqual([NOW - 10 + 1, 'a']);
      expect([await holder(ids[0]), await holder(ids[2])]).toEqual([undefined, undefined]);
    });

    it('writes nothing for an item whose lease another replica took meanwhile, and the rest of the batch', async () => {
      const held: boolean[] = [];
      await runnerFor('a').run(
        job(async (item) => {
          if (item.id === ids[1]) {
            // This replica stalled past this row's lease; another took it over meanwhile.
            await store.leases.release('reminder', item.id, 'a');
            await store.leases.claim('reminder', item.id, NOW, { owner: 'b', until: NOW + 60_000 });
          }
          const done = await settle(item);
          held.push(done.held);
          return done.held;
        }),
      );
      expect(held.filter((h) => !h)).toHaveLength(1);
      expect([await dueAt(ids[1]), await holder(ids[1])]).toEqual([NOW - 10 + 1, 'b']);
      expect([await dueAt(ids[0]), await dueAt(ids[2])]).toEqual([null, null]);
    });

    it('does not wait for an item that fails or ends without completing; a failure is logged', async () => {
      const counted = await runnerFor('a').run(
        job(async (item) => {
          if (item.id === ids[0]) throw new Error('boom');
          if (item.id === ids[1]) return false;
          await settle(item);
          return true;
        }),
      );
      expect(counted).toBe(1);
      expect(await dueAt(ids[2])).toBeNull();
      expect(lines.some((l) => l.includes('timed job failed for one item'))).toBe(true);
      // Neither completed: both keep their leases until they run out, as after a crash.
      expect([await holder(ids[0]), await holder(ids[1])]).toEqual(['a', 'a']);
    });
  },
);
