/**
 * The store: repositories over one database, every method asynchronous, and transactions as
 * `store.transaction(async (tx) => …)`, where `tx` holds the same repositories bound to the
 * transaction. The repositories are written once over a driver port (sql.ts, repositories.ts);
 * SQLite runs transactions one at a time on its one connection (sqlite/serial.ts); on PostgreSQL
 * (postgres/) each is a real transaction on a connection of its own. The rules for callers:
 * README.md in this folder.
 */
import type { StoreRepositories } from './repositories';

export type { StoreRepositories } from './repositories';
export { createStore, type SqliteStore } from './sqlite/store';

export interface TransactionOptions {
  /**
   * Transactions naming the same queue run one after another across replicas instead of failing
   * each other and being run again: for work every such transaction collides on (the next incident
   * number), where a replica with a backlog would otherwise make the other's retries run out. Only
   * an outermost transaction takes it (a nested one is inside the outer one's snapshot already);
   * SQLite runs every transaction one at a time anyway.
   */
  queue?: string;
}

/** What a transaction's work is given: the repositories, bound to the transaction (and nested transactions). */
export interface Tx extends StoreRepositories {
  /**
   * Runs `work` as one transaction: all of it or none. Check-then-write belongs inside one, so that
   * two concurrent callers cannot both pass the check. Await only the store inside (no Slack).
   */
  transaction<T>(work: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Runs `then` once the outermost transaction this call is made in has committed, and never if it
   * rolls back (or the savepoint it was made in does); at once outside any transaction. For work
   * that must see the change, on another connection: waking the webhook sender, say.
   */
  afterCommit(then: () => void): void;
}

/** The store services are given, on either engine (src/store/engine.ts picks one). */
export type Store = Tx;

/**
 * What a service is given: the repositories it uses, by name, and the transaction helper; never
 * the raw connection. `Repositories<'incidents' | 'timeline'>` reads as the list it is; every one
 * can ask for work to run after the commit (`afterCommit`).
 */
export type Repositories<K extends keyof Store> = Pick<Store, K | 'afterCommit'>;
