import type { Tx } from '../../../src/store';
import { coalescedReads, coalescedTx } from '../../../src/timers/coalesced-calls';
import { emptyReminder, type ReminderState } from '../../../src/reminders/reminder.types';
import type { RecordedEntry } from '../../../src/timeline/timeline.types';
import { STORE_ENGINES } from '../../support/store-engines';
import { seedDueReminders } from '../../support/store-fixtures';

const NOW = Date.UTC(2026, 11, 7, 9);
const OWNER = 'replica-a';

/** The store, counting the statements its many-at-once calls run. */
function counted(store: Tx) {
  const calls: string[] = [];
  const count =
    <A extends unknown[], R>(name: string, f: (...args: A) => Promise<R>) =>
    (...args: A) => {
      calls.push(name);
      return f(...args);
    };
  const tx: Tx = {
    ...store,
    leases: { ...store.leases, releaseMany: count('releaseMany', store.leases.releaseMany) },
    incidents: { ...store.incidents, getMany: count('incidents.getMany', store.incidents.getMany) },
    reminders: {
      ...store.reminders,
      getMany: count('reminders.getMany', store.reminders.getMany),
      saveMany: count('saveMany', store.reminders.saveMany),
      saveIfUnchanged: count('saveIfUnchanged', store.reminders.saveIfUnchanged),
    },
    timeline: { ...store.timeline, appendMany: count('appendMany', store.timeline.appendMany) },
  };
  return { tx, calls };
}

const note = (incidentId: number, sourceKey?: string): RecordedEntry =>
  ({
    incidentId,
    at: NOW,
    kind: 'note',
    actorId: 'UBOB',
    text: `note on ${incidentId}`,
    data: { source: 'slash' },
    ...(sourceKey ? { sourceKey } : {}),
  }) as unknown as RecordedEntry;

describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))(
  '%s: calls made at the same time in one transaction',
  (_name, makeEngine) => {
    const engine = makeEngine();
    let store: Tx;
    let ids: number[];
    beforeEach(async () => {
      store = await engine.fresh();
      ids = await seedDueReminders(store, 4, NOW);
    });
    afterAll(() => engine.end());

    it('gives back each lease in one statement, and tells each caller whether it still held its own', async () => {
      await store.leases.claimDue('reminder', NOW, { owner: OWNER, until: NOW + 60_000 }, 10);
      // Another replica took the last one over.
      await store.leases.release('reminder', ids[3] as number, OWNER);
      await store.leases.claim('reminder', ids[3] as number, NOW, { owner: 'replica-b', until: NOW + 60_000 });
      const held = await store.transaction(async (inside) => {
        const { tx, calls } = counted(inside);
        const c = coalescedTx(tx);
        const answers = await Promise.all(ids.map((id) => c.tx.leases.release('reminder', id, OWNER)));
        return { answers, calls };
      });
      expect(held.answers).toEqual([true, true, true, false]);
      expect(held.calls).toEqual(['releaseMany']);
      expect(await store.leases.holder('reminder', ids[3] as number)).toMatchObject({ owner: 'replica-b' });
      expect(await store.leases.holder('reminder', ids[0] as number)).toBeNull();
    });

    it('reads each reminder and incident once per round, and answers each caller with its own (or none)', async () => {
      const { tx, calls } = counted(store);
      const reads = coalescedReads(tx);
      const asked = [...ids, 999_999];
      const [reminders, incidents] = await Promise.all([
        Promise.all(asked.map((id) => reads.reminders.get(id))),
        Promise.all(asked.map((id) => reads.incidents.get(id))),
      ]);
      expect(reminders.map((r) => r?.incidentId)).toEqual([...ids, undefined]);
      expect(incidents.map((i) => i?.id)).toEqual([...ids, undefined]);
      expect(calls.sort()).toEqual(['incidents.getMany', 'reminders.getMany']);
    });

    it('saves a reminder only where it is as the caller last saw it, in one statement', async () => {
      const before = await Promise.all(ids.map(async (id) => (await store.reminders.get(id)) as ReminderState));
      // An update answered the second one meanwhile.
      await store.reminders.save({ ...(before[1] as ReminderState), dueAt: NOW + 900_000, missed: 0 });
      const result = await store.transaction(async (inside) => {
        const { tx, calls } = counted(inside);
        const c = coalescedTx(tx);
        const saved = await Promise.all(
          before.map((previous) =>
            c.tx.reminders.saveIfUnchanged([{ previous, next: { ...previous, missed: 1, lastSentAt: NOW } }]),
          ),
        );
        return { saved: saved.map((s) => s.size), calls };
      });
      expect(result.saved).toEqual([1, 0, 1, 1]);
      expect(result.calls).toEqual(['saveIfUnchanged']);
      expect((await store.reminders.get(ids[0] as number))?.lastSentAt).toBe(NOW);
      expect(await store.reminders.get(ids[1] as number)).toMatchObject({ dueAt: NOW + 900_000, lastSentAt: null });
    });

    it('saves the same reminder twice in one round in turn, the later last', async () => {
      const id = ids[0] as number;
      await store.transaction(async (inside) => {
        const c = coalescedTx(inside);
        await Promise.all([
          c.tx.reminders.save({ ...emptyReminder(id), dueAt: NOW + 1 }),
          c.tx.reminders.save({ ...emptyReminder(id), dueAt: NOW + 2 }),
          c.tx.reminders.save({ ...emptyReminder(ids[1] as number), dueAt: NOW + 3 }),
        ]);
      });
      expect((await store.reminders.get(id))?.dueAt).toBe(NOW + 2);
      expect((await store.reminders.get(ids[1] as number))?.dueAt).toBe(NOW + 3);
    });

    it('appends entries in one statement and gives each caller its own entry, none for a source already recorded', async () => {
      await store.timeline.append(note(ids[1] as number, 'msg-1'));
      const result = await store.transaction(async (inside) => {
        const { tx, calls } = counted(inside);
        const c = coalescedTx(tx);
        const appended = await Promise.all([
          c.tx.timeline.append(note(ids[0] as number)),
          c.tx.timeline.append(note(ids[1] as number, 'msg-1')),
          c.tx.timeline.append(note(ids[2] as number, 'msg-2')),
          c.tx.timeline.append(note(ids[3] as number)),
          c.tx.timeline.append(note(ids[2] as number, 'msg-2')),
        ]);
        return { appended, calls };
      });
      expect(result.calls).toEqual(['appendMany']);
      const [first, known, fresh, last, twice] = result.appended;
      expect([known, twice]).toEqual([undefined, undefined]);
      for (const [id, incident] of [
        [first, ids[0]],
        [fresh, ids[2]],
        [last, ids[3]],
      ] as const)
        expect((await store.timeline.get(id as number))?.incidentId).toBe(incident);
    });

    it('says when work in a nested transaction failed, as it ran without a savepoint', async () => {
      const failed = await store
        .transaction(async (inside) => {
          const c = coalescedTx(inside);
          await c.tx.transaction(async () => Promise.reject(new Error('nested'))).catch(() => undefined);
          return c.nestedFailed();
        })
        .catch(() => 'threw');
      expect(failed).toBe(true);
    });
  },
);
