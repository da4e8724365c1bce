import type { Sql } from '../sql';
import type { Queryable } from './pool';
import { postgresStatements } from './statements';

/** The repositories' SQL on a pool or on one transaction's connection: `$n` is PostgreSQL's own. */
export function postgresDriver(q: Queryable): Sql {
  return {
    engine: 'postgres',
    specific: postgresStatements,
    all: async <R>(text: string, params: readonly unknown[] = []) =>
      (await q.query(text, params as unknown[])).rows as R[],
    one: async <R>(text: string, params: readonly unknown[] = []) =>
      (await q.query(text, params as unknown[])).rows[0] as R | undefined,
    run: async (text: string, params: readonly unknown[] = []) =>
      (await q.query(text, params as unknown[])).rowCount ?? 0,
  };
}
