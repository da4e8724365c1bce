import { StorageError } from '../errors/storage-error';
import type { Store, Tx } from '../store';
import { coalescedTx } from './coalesced-calls';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Waiting {
  write: (tx: Tx) => Promise<unknown>;
  settle: (outcome: Outcome<unknown>) => void;
}

/** Commits the writes of a batch's items together (createJobRunner, for jobs that `completeTogether`). */
export interface CommitGroup {
  /** Runs `write` in the batch's next transaction; resolves (or rejects) with this write's own outcome. */
  commit<T>(write: (tx: Tx) => Promise<T>): Promise<T>;
  /** One member's work has ended: it commits no more, and the others stop waiting for it. */
  leave(): void;
  /** Resolves once no member is at work any more: each waits for its commit or has left. */
  allWaiting: Promise<void>;
  /** Resolves once what they waited with then is committed (or failed). */
  committed: Promise<void>;
}

/** The server stopped answering: trying again at once would only wait as long again. */
const lost = (error: unknown) => error instanceof StorageError && error.code === 'storage_unavailable';

/**
 * Group commit for the `members` items of one batch, worked at the same time. A write waits until
 * every member still at work is waiting to commit too, then all the waiting writes run in one
 * transaction: on PostgreSQL a batch costs one BEGIN and one durable COMMIT instead of one per item.
 * Items must be independent of each other, and a member must not wait (for a transaction of its
 * own, or for another member) while its write waits: the others wait for it.
 *
 * The first try runs the writes at the same time, so that the calls they make at once share
 * statements (timers/coalesced-calls.ts), and without savepoints, as they cost two statements a write
 * on PostgreSQL and writes seldom fail. One item's failure undoes only its own write: a transaction
 * that fails is run again with the writes one after another, each in a savepoint of its own, so
 * the others still commit and only the failing ones get their error. Writes may run more than once, as any transaction's work may (PostgreSQL
 * runs a serialization failure again).
 */
export function commitGroup(store: Pick<Store, 'transaction'>, members: number): CommitGroup {
  let working = members;
  let waiting: Waiting[] = [];
  let flushing = false;
  let allWaiting!: () => void;
  const ready = new Promise<void>((resolve) => (allWaiting = resolve));
  let firstCommitted!: () => void;
  const committed = new Promise<void>((resolve) => (firstCommitted = resolve));

  async function flush(): Promise<void> {
    flushing = true;
    const batch = waiting;
    waiting = [];
    const outcomes = await together(
      store,
      batch.map((w) => w.write),
    );
    flushing = false;
    for (const [i, w] of batch.entries()) w.settle(outcomes[i] as Outcome<unknown>);
    firstCommitted();
    flushIfAllWait();
  }

  function flushIfAllWait(): void {
    if (waiting.length < working) return;
    allWaiting();
    if (!flushing && waiting.length > 0) void flush();
    else if (waiting.length === 0) firstCommitted();
  }

  return {
    commit<T>(write: (tx: Tx) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({
          write,
          settle: (outcome) => (outcome.ok ? resolve(outcome.value as T) : reject(outcome.error)),
        });
        flushIfAllWait();
      });
    },
    leave() {
      working--;
      flushIfAllWait();
    },
    allWaiting: ready,
    committed,
  };
}

/** Runs the writes in one transaction, each with its own outcome (see commitGroup). */
async function together(store: Pick<Store, 'transaction'>, writes: Array<(tx: Tx) => Promise<unknown>>) {
  try {
    const values = await store.transaction(async (tx) => {
      if (writes.length === 1) return [await (writes[0] as (tx: Tx) => Promise<unknown>)(tx)];
      // All at once, so that what they ask at the same time goes as one statement (coalesced-calls.ts).
      const coalesced = coalescedTx(tx);
      const settled = await Promise.allSettled(writes.map((write) => write(coalesced.tx)));
      const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failure) throw failure.reason;
      if (coalesced.nestedFailed()) throw new Error('a nested transaction failed without its savepoint');
      return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value);
    });
    return values.map((value): Outcome<unknown> => ({ ok: true, value }));
  } catch (error) {
    if (writes.length === 1 || lost(error)) return writes.map((): Outcome<unknown> => ({ ok: false, error }));
  }
  try {
    return await store.transaction(async (tx) => {
      const out: Array<Outcome<unknown>> = [];
      for (const write of writes)
        out.push(
          await tx.transaction(write).then(
            (value): Outcome<unknown> => ({ ok: true, value }),
            (error: unknown): Outcome<unknown> => ({ ok: false, error }),
          ),
        );
      return out;
    });
  } catch (error) {
    return writes.map((): Outcome<unknown> => ({ ok: false, error }));
  }
}
