import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which transaction, if any, the current async flow is inside: an AsyncLocalStorage that is on
 * only while a transaction runs. On Node 20 an enabled AsyncLocalStorage makes every promise in
 * the process pay for async hooks (a tenth of an acknowledgement's time, and more garbage), and
 * most requests never open a transaction. A callback left over from a finished transaction may
 * still find its scope once another one has switched the storage on again; scopes say whether
 * they are still open for that reason.
 */
export function transactionScopes<S>() {
  const storage = new AsyncLocalStorage<S>();
  let running = 0;
  return {
    current: (): S | undefined => (running > 0 ? storage.getStore() : undefined),
    async run<T>(scope: S, work: () => Promise<T>): Promise<T> {
      running++;
      try {
        return await storage.run(scope, work);
      } finally {
        running--;
        if (running === 0) storage.disable();
      }
    },
  };
}

/**
 * Runs what a committed transaction queued (store.afterCommit), each on its own. The transaction
 * has committed, so its caller is not told of a failure here: one that throws is left as an
 * unhandled rejection (logged, src/errors/uncaught-errors.ts), and the others still run.
 */
export function runCommitted(scope: { committed: Array<() => void> }): void {
  for (const then of scope.committed.splice(0)) {
    try {
      then();
    } catch (error) {
      void Promise.reject(error);
    }
  }
}
