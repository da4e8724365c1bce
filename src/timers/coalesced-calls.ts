import type { Tx } from '../store';
import type { RecordedEntry } from '../timeline/timeline.types';
import type { WorkKind } from '../store/leases.repository';

/** A reminder's row, as the store takes it (timers know no domain). */
type ReminderState = Parameters<Tx['reminders']['save']>[0];

interface Call<A, R> {
  args: A;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * One call per caller, one statement per round: the calls made while the callers run at the same
 * time (before the event loop turns) are handed to `many` together. `key` names what a call
 * changes; a batch with the same key twice is split there, so each statement changes a row once.
 */
function gathered<A, R>(many: (args: A[]) => Promise<R[]>, key?: (args: A) => string): (args: A) => Promise<R> {
  let pending: Array<Call<A, R>> = [];
  async function run(batch: Array<Call<A, R>>): Promise<void> {
    try {
      const results = await many(batch.map((c) => c.args));
      for (const [i, call] of batch.entries()) call.resolve(results[i] as R);
    } catch (error) {
      for (const call of batch) call.reject(error);
    }
  }
  async function flush(): Promise<void> {
    const calls = pending;
    pending = [];
    let batch: Array<Call<A, R>> = [];
    const seen = new Set<string>();
    for (const call of calls) {
      const k = key?.(call.args);
      if (k !== undefined && seen.has(k)) {
        await run(batch);
        batch = [];
        seen.clear();
      }
      if (k !== undefined) seen.add(k);
      batch.push(call);
    }
    await run(batch);
  }
  return (args) =>
    new Promise<R>((resolve, reject) => {
      if (pending.length === 0) setImmediate(() => void flush());
      pending.push({ args, resolve, reject });
    });
}

/** One gatherer per group of calls that can share a statement (a kind and owner of lease, say). */
function byGroup<A, R>(make: (first: A) => (args: A) => Promise<R>, group: (args: A) => string) {
  const made = new Map<string, (args: A) => Promise<R>>();
  return (args: A) => {
    const g = group(args);
    let call = made.get(g);
    if (!call) {
      call = make(args);
      made.set(g, call);
    }
    return call(args);
  };
}

/** Reads by id, the calls made at once as one statement: for the items of a batch worked at the same time. */
export function coalescedReads<S extends Pick<Tx, 'incidents' | 'reminders'>>(store: S): S {
  const getIncident = gathered(async (ids: number[]) => {
    const found = await store.incidents.getMany(ids);
    return ids.map((id) => found.get(id));
  });
  const getReminder = gathered(async (ids: number[]) => {
    const found = await store.reminders.getMany(ids);
    return ids.map((id) => found.get(id));
  });
  return {
    ...store,
    incidents: { ...store.incidents, get: getIncident },
    reminders: { ...store.reminders, get: getReminder },
  };
}

export interface CoalescedTx {
  tx: Tx;
  /** Whether work in a nested transaction failed: without its savepoint, part of it may have been written. */
  nestedFailed(): boolean;
}

/**
 * `tx` for writes that run at the same time in one transaction (timers/group-commit.ts): what they
 * ask at once of the few calls every timed item makes (giving its lease back, saving a reminder,
 * appending to the timeline) goes to the database as one statement, so a batch of ten
 * costs a few round trips instead of forty. On SQLite, whose statements cost no trip, it is the same
 * work in fewer statements.
 *
 * Nested transactions run inline, without a savepoint: savepoints of writes running at once would
 * nest inside each other. So when one fails, `nestedFailed` says so and the caller must undo the
 * whole transaction (and run the writes again one at a time, each in its own savepoint).
 */
export function coalescedTx(tx: Tx): CoalescedTx {
  let failed = false;
  const release = byGroup(
    ({ kind, owner }: { kind: WorkKind; id: number; owner: string }) =>
      gathered(async (calls: Array<{ id: number }>) => {
        const released = await tx.leases.releaseMany(
          kind,
          calls.map((c) => c.id),
          owner,
        );
        return calls.map((c) => released.has(c.id));
      }),
    ({ kind, owner }) => `${kind} ${owner}`,
  );
  const saveReminder = gathered(
    async (states: ReminderState[]) => {
      await tx.reminders.saveMany(states);
      return states.map(() => undefined);
    },
    (s) => String(s.incidentId),
  );
  type Change = { previous: ReminderState; next: ReminderState };
  const saveReminderIfUnchanged = gathered(
    async (changes: Change[]) => {
      const saved = await tx.reminders.saveIfUnchanged(changes);
      return changes.map((c) => saved.has(c.next.incidentId));
    },
    (c) => String(c.next.incidentId),
  );
  const append = gathered((entries: RecordedEntry[]) => tx.timeline.appendMany(entries));
  const reads = coalescedReads(tx);

  const inner: Tx = {
    ...reads,
    leases: { ...tx.leases, release: (kind, id, owner) => release({ kind, id, owner }) },
    reminders: {
      ...reads.reminders,
      save: saveReminder,
      saveIfUnchanged: async (changes) => {
        const saved = await Promise.all(changes.map((c) => saveReminderIfUnchanged(c)));
        return new Set(changes.filter((_, i) => saved[i]).map((c) => c.next.incidentId));
      },
    },
    timeline: { ...tx.timeline, append },
    async transaction(work) {
      try {
        return await work(inner);
      } catch (error) {
        failed = true;
        throw error;
      }
    },
  };
  return { tx: inner, nestedFailed: () => failed };
}
