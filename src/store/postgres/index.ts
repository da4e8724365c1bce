import type pg from 'pg';
import type { TransactionOptions, Tx } from '..';
import { createRepositories } from '../repositories';
import { postgresDriver } from './driver';
import { boundedQueries, type Queryable } from './pool';
import { speakingStorage } from '../storage-errors';
import { runCommitted, transactionScopes } from '../transaction-scopes';
import { StorageError } from '../../errors/storage-error';

export interface PostgresStore extends Tx {
  pool: pg.Pool;
}

interface Scope {
  /** The transaction's connection, its statements bounded like the pool's (pool.ts). */
  client: Queryable;
  depth: number;
  /** False from COMMIT or ROLLBACK on: a late call from the finished work does not join a closed transaction. */
  open: boolean;
  /** What runs once the transaction has committed (store.afterCommit). */
  committed: Array<() => void>;
}

/** The server stopped answering or the connection broke. */
const lost = (error: unknown) => error instanceof StorageError && error.code === 'storage_unavailable';

/**
 * SERIALIZABLE's "try again": a serialization failure (40001) or a deadlock (40P01). The
 * transaction is run again from the start, a few times, after a short jittered wait.
 */
const mustRetry = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
};
const ATTEMPTS = 10;
const retryWait = (attempt: number) => Math.round(Math.random() * 5 * 2 ** Math.min(attempt, 6));

const repositories = (q: Queryable) => createRepositories(postgresDriver(q));

/**
 * The repositories over a PostgreSQL pool. Calls outside a transaction each take a connection for
 * one statement; a transaction holds one connection from BEGIN to COMMIT, and `tx` is bound to it.
 *
 * Transactions are SERIALIZABLE: callers put check-then-write in a transaction (src/store/README.md)
 * and rely on nobody else passing the same check in between, which READ COMMITTED would not give
 * them; PostgreSQL instead fails one of two transactions that would interleave wrongly, and it is
 * run again. So replicas' transactions on different incidents run side by side, with no lock for
 * the whole database. Single statements outside transactions run freely.
 */
export function createPostgresStore(pool: pg.Pool): PostgresStore {
  // The open transaction of this async flow, if any: calls made through `store` instead of `tx` from
  // inside it still run on its connection (and a transaction begun there is a savepoint), as on
  // SQLite, instead of waiting for row locks or the lock their own transaction holds.
  const scopes = transactionScopes<Scope>();
  const current = () => {
    const scope = scopes.current();
    return scope?.open ? scope : undefined;
  };
  const viaPool = boundedQueries(pool);
  const routed: Queryable = {
    query: (sql, params) => (current()?.client ?? viaPool).query(sql, params),
  };
  // A process runs its transactions one at a time, as on SQLite (fewer serialization failures to
  // retry); the others wait here without holding a pooled connection, so single statements always find one.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };

  const bound = (scope: Scope): Tx => ({
    ...repositories(scope.client),
    // A transaction begun inside another is a savepoint, undone alone if its work throws.
    afterCommit: (then) => {
      scope.committed.push(then);
    },
    async transaction<T>(work: (tx: Tx) => Promise<T>, _options?: TransactionOptions): Promise<T> {
      const name = `nested_${++scope.depth}`;
      const before = scope.committed.length;
      await scope.client.query(`SAVEPOINT ${name}`);
      try {
        const result = await work(bound(scope));
        await scope.client.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        if (!lost(error)) await scope.client.query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
        scope.committed.length = before;
        throw error;
      } finally {
        scope.depth--;
      }
    },
  });

  async function run<T>(work: (tx: Tx) => Promise<T>, queue?: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await runOnce(work, queue);
      } catch (error) {
        if (!mustRetry(error)) throw error;
        // Still colliding after every attempt: the database is too busy for this now, which the
        // person is told as such (not as a code they cannot read).
        if (attempt >= ATTEMPTS)
          throw new StorageError('storage_busy', true, String((error as { code: string }).code), { cause: error });
        await new Promise((resolve) => setTimeout(resolve, retryWait(attempt)));
      }
    }
  }

  async function runOnce<T>(work: (tx: Tx) => Promise<T>, queue?: string): Promise<T> {
    const connection = await speakingStorage(() => pool.connect());
    const client = boundedQueries(connection);
    const scope: Scope = { client, depth: 0, open: true, committed: [] };
    let broken: unknown;
    let queued = false;
    try {
      // Taken before BEGIN, so the snapshot is taken after the replica ahead has committed; a lock
      // taken inside the transaction would leave it looking at the rows from before that.
      if (queue !== undefined) {
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [queue]);
        queued = true;
      }
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      try {
        const result = await scopes.run(scope, () => work(bound(scope)));
        scope.open = false;
        await client.query('COMMIT');
        runCommitted(scope);
        return result;
      } catch (error) {
        scope.open = false;
        // A connection that timed out or dropped would only time out again: it is let go without a
        // ROLLBACK (the server rolls back on its own), so a failing transaction costs one wait, not two.
        if (!lost(error))
          await client.query('ROLLBACK').catch((rollbackError: unknown) => {
            broken = rollbackError;
          });
        throw error;
      }
    } catch (error) {
      if (lost(error)) broken = error;
      throw error;
    } finally {
      if (queued && broken === undefined)
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [queue]).catch((unlockError: unknown) => {
          broken = unlockError;
        });
      // A connection whose rollback failed, or that stopped answering, is in an unknown state: the pool drops it.
      connection.release(broken === undefined ? undefined : (broken as Error));
    }
  }

  return {
    pool,
    ...repositories(routed),
    transaction<T>(work: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
      const scope = current();
      return scope ? bound(scope).transaction(work) : oneAtATime(() => run(work, options?.queue));
    },
    afterCommit(then) {
      const scope = current();
      if (scope) scope.committed.push(then);
      else then();
    },
  };
}
