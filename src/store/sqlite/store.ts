import type { Store, Tx } from '..';
import { createRepositories } from '../repositories';
import { iterateTimeline } from '../timeline.repository';
import type { Db } from './db';
import { sqliteDriver } from './driver';
import { createSerialGate, gated } from './serial';

/** SQLite's store, which also holds its one connection (tests and the CLI read it). */
export interface SqliteStore extends Store {
  db: Db;
}

/**
 * The repositories over SQLite's one connection, each call behind the serial gate (serial.ts), and
 * transactions for multi-row writes and check-then-write.
 */
export function createStore(db: Db): SqliteStore {
  const gate = createSerialGate(db);
  const repositories = createRepositories(sqliteDriver(db));
  const behindGate = Object.fromEntries(
    Object.entries(repositories).map(([name, repository]) => [name, gated(gate, repository)]),
  ) as typeof repositories;
  // iterate pages through the timeline: each page a call behind the gate, not the whole walk.
  behindGate.timeline.iterate = (incidentId) => iterateTimeline(behindGate.timeline, incidentId);
  const store: SqliteStore = {
    db,
    ...behindGate,
    transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      return gate.transaction(() => work(store));
    },
    afterCommit: gate.afterCommit,
  };
  return store;
}
