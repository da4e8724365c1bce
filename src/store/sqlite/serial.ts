import type { Db } from './db';
import { speakingStorage } from '../storage-errors';
import { runCommitted, transactionScopes } from '../transaction-scopes';

/** An open transaction; `open` turns false at commit or rollback, so late callbacks do not join a finished one. */
interface Scope {
  open: boolean;
  depth: number;
  /** What runs once the transaction has committed (store.afterCommit). */
  committed: Array<() => void>;
}

/**
 * One SQLite connection shared by every flow, made safe for asynchronous callers.
 *
 * A transaction holds the connection from BEGIN to COMMIT while its work awaits repository calls;
 * a statement from another flow run in that window would silently join it (and be rolled back
 * with it). So a transaction takes a lock for its whole length, and every call from outside it
 * waits for the lock. AsyncLocalStorage (transaction-scopes.ts) tells a call made by the transaction's own work (which
 * must go straight through, or it would wait for itself) from a call made by anybody else.
 *
 * Inside a transaction, await only the store: waiting there on Slack or a timer stops every other
 * flow's database work for that long.
 */
export function createSerialGate(db: Db) {
  const scopes = transactionScopes<Scope>();
  const waiting: Array<() => void> = [];
  let locked = false;

  const lock = (): Promise<void> => {
    if (!locked) {
      locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const unlock = (): void => {
    const next = waiting.shift();
    if (next) next();
    else locked = false;
  };
  const current = (): Scope | undefined => {
    const scope = scopes.current();
    return scope?.open ? scope : undefined;
  };

  /**
   * Runs one repository call: at once inside the open transaction, else holding the lock for the
   * call's length. A call may run several statements with awaits between them (a claim's select and
   * update, say): holding the lock, nothing else runs on the connection in between, as one
   * statement would on PostgreSQL. The disk's and the file's failures leave as StorageErrors
   * (../storage-errors.ts).
   */
  async function call<T>(work: () => Promise<T>): Promise<T> {
    if (current()) return speakingStorage(work);
    if (locked) await lock();
    else locked = true;
    try {
      return await speakingStorage(work);
    } finally {
      unlock();
    }
  }

  /** A transaction; one begun inside another is a savepoint, undone alone if its work throws. */
  const transaction = <T>(work: () => Promise<T>): Promise<T> => speakingStorage(() => transactionOrSavepoint(work));

  async function transactionOrSavepoint<T>(work: () => Promise<T>): Promise<T> {
    const outer = current();
    if (outer) return savepoint(outer, work);
    await lock();
    const scope: Scope = { open: true, depth: 0, committed: [] };
    let result: T;
    try {
      db.exec('BEGIN');
      try {
        result = await scopes.run(scope, work);
        scope.open = false;
        db.exec('COMMIT');
      } catch (error) {
        scope.open = false;
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      unlock();
    }
    runCommitted(scope);
    return result;
  }

  async function savepoint<T>(scope: Scope, work: () => Promise<T>): Promise<T> {
    const name = `nested_${++scope.depth}`;
    const before = scope.committed.length;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      scope.committed.length = before;
      throw error;
    } finally {
      scope.depth--;
    }
  }

  /** store.afterCommit (index.ts): queued on the open transaction, or run now. */
  function afterCommit(then: () => void): void {
    const scope = current();
    if (scope) scope.committed.push(then);
    else then();
  }

  return { call, transaction, afterCommit };
}

/** The repository with every method behind the gate; non-function members are left as they are. */
export function gated<R extends object>(gate: ReturnType<typeof createSerialGate>, repository: R): R {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(repository)) {
    out[key] =
      typeof value === 'function' ? (...args: unknown[]) => gate.call(() => value.apply(repository, args)) : value;
  }
  return out as R;
}
