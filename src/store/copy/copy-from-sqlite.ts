import crypto from 'node:crypto';
import type pg from 'pg';
import type { Db } from '../sqlite/db';
import {
  type ColumnKind,
  CopyRefused,
  type CopyTable,
  hasNul,
  planCopy,
  postgresTables,
  quote,
  sqliteTables,
  toPostgres,
} from './copy-plan';
import type { Queryable } from '../postgres/pool';

export interface TableCount {
  table: string;
  sqlite: number;
  postgres: number;
}

/** How many values of a table were cleaned on the way (a NUL dropped: copy-plan.ts's toPostgres). */
export interface TableCleaned {
  table: string;
  values: number;
}

export type CopyOutcome = { outcome: 'copied' | 'already copied'; counts: TableCount[]; cleaned: TableCleaned[] };

/** PostgreSQL takes at most 65,535 parameters a statement. */
const MAX_PARAMETERS = 60_000;
const MAX_BATCH = 1_000;

/**
 * Copies every row of a SQLite database (migrated to this version) into a PostgreSQL one (migrated
 * too), in one transaction: a failure half way leaves the target as it was, so running it again
 * works. The target's tables are locked first, so nothing writes to them while they are checked
 * and filled. Before COMMIT every table's rows are counted and their contents compared with the
 * source's (an order-free digest of every row), so a copy that commits is complete.
 *
 * A target that already holds exactly these rows is the earlier run's copy: nothing is written
 * (`already copied`). Any other non-empty target is refused with CopyRefused, as is a database
 * with tables that are not Commander's.
 */
export async function copySqliteToPostgres(db: Db, pool: pg.Pool): Promise<CopyOutcome> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // One read transaction on SQLite: every table is read from the same snapshot (WAL).
  db.exec('BEGIN');
  try {
    await client.query('BEGIN');
    try {
      const outcome = await copyInTransaction(db, client);
      await client.query(outcome.outcome === 'copied' ? 'COMMIT' : 'ROLLBACK');
      return outcome;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    }
  } finally {
    db.exec('ROLLBACK');
    client.release(broken);
  }
}

/**
 * Refuses a database that holds tables Commander's schema does not have (another application's):
 * called before migrating the target too, so Commander's tables are not created among them.
 */
export async function refuseForeignTables(db: Db, q: Queryable): Promise<void> {
  const foreign = (await postgresTables(q)).filter((t) => t !== 'schema_migrations' && !sqliteTables(db).includes(t));
  if (foreign.length > 0) {
    throw new CopyRefused(
      `The PostgreSQL database holds tables that are not Commander's (${foreign.join(', ')}). Copy into a database of its own.`,
    );
  }
}

async function copyInTransaction(db: Db, client: pg.PoolClient): Promise<CopyOutcome> {
  await refuseForeignTables(db, client);
  const tables = await planCopy(db, client);
  await client.query(`LOCK TABLE ${tables.map((t) => quote(t.name)).join(', ')} IN EXCLUSIVE MODE`);
  const source = tables.map((t) => countSqlite(db, t));
  // One after another: a client runs one query at a time.
  const before: number[] = [];
  for (const table of tables) before.push(await countPostgres(client, table));
  const counts = (target: number[]) =>
    tables.map((t, i) => ({ table: t.name, sqlite: source[i] as number, postgres: target[i] as number }));

  if (before.some((n) => n > 0)) {
    if (await sameRows(db, client, tables, source, before))
      return { outcome: 'already copied', counts: counts(before), cleaned: [] };
    const filled = counts(before)
      .filter((c) => c.postgres > 0)
      .map((c) => `${c.table}: ${c.postgres} row${c.postgres === 1 ? '' : 's'}`);
    throw new CopyRefused(
      `The PostgreSQL database is not empty (${filled.join(', ')}) and does not hold a copy of this SQLite database. ` +
        'migrate-store copies only into an empty database.',
    );
  }

  const cleaned: TableCleaned[] = [];
  for (const table of tables) {
    const values = await copyTable(db, client, table);
    if (values > 0) cleaned.push({ table: table.name, values });
  }
  await continueSequences(client, tables);
  const after: number[] = [];
  for (const table of tables) after.push(await countPostgres(client, table));
  if (!(await sameRows(db, client, tables, source, after))) {
    throw new Error('the rows read back from PostgreSQL differ from the SQLite ones; the copy was rolled back');
  }
  return { outcome: 'copied', counts: counts(after), cleaned };
}

const countSqlite = (db: Db, table: CopyTable) =>
  db
    .prepare(`SELECT COUNT(*) FROM ${quote(table.name)}`)
    .pluck()
    .get() as number;

async function countPostgres(client: pg.PoolClient, table: CopyTable): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quote(table.name)}`);
  return Number(rows[0]?.n ?? 0);
}

/** Copies the table's rows; returns how many values were cleaned on the way. */
async function copyTable(db: Db, client: pg.PoolClient, table: CopyTable): Promise<number> {
  const names = table.columns.map((c) => quote(c.name)).join(', ');
  const perBatch = Math.max(1, Math.min(MAX_BATCH, Math.floor(MAX_PARAMETERS / table.columns.length)));
  const insert = async (batch: unknown[][]) => {
    const width = table.columns.length;
    const values = batch.map((_, r) => `(${table.columns.map((_c, i) => `$${r * width + i + 1}`).join(', ')})`);
    try {
      await client.query(`INSERT INTO ${quote(table.name)} (${names}) VALUES ${values.join(', ')}`, batch.flat());
    } catch (error) {
      throw new Error(`copying table ${table.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  let batch: unknown[][] = [];
  let cleaned = 0;
  const rows = db
    .prepare(`SELECT ${names} FROM ${quote(table.name)}`)
    .raw()
    .iterate() as Iterable<unknown[]>;
  for (const row of rows) {
    batch.push(
      row.map((value, i) => {
        const { kind } = table.columns[i] as { kind: ColumnKind };
        if (hasNul(kind, value)) cleaned++;
        return toPostgres(kind, value);
      }),
    );
    if (batch.length >= perBatch) {
      await insert(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await insert(batch);
  return cleaned;
}

/**
 * Rows were inserted with their ids, which does not move an identity column's sequence: without
 * this, the next incident declared on PostgreSQL would be #1 again and collide.
 */
async function continueSequences(client: pg.PoolClient, tables: CopyTable[]): Promise<void> {
  for (const table of tables) {
    for (const column of table.columns.filter((c) => c.identity)) {
      const name = quote(column.name);
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${name}), 1), MAX(${name}) IS NOT NULL) FROM ${quote(table.name)}`,
        [quote(table.name), column.name],
      );
    }
  }
}

/** The same number of rows in every table, and the same rows: an order-free digest of each table compared. */
async function sameRows(
  db: Db,
  client: pg.PoolClient,
  tables: CopyTable[],
  source: number[],
  target: number[],
): Promise<boolean> {
  if (source.some((n, i) => n !== target[i])) return false;
  for (const table of tables) {
    if ((await digestPostgres(client, table)) !== digestSqlite(db, table)) return false;
  }
  return true;
}

/** A value as both engines hand it back once copied (numbers, booleans, strings). */
function comparable(kind: ColumnKind, value: unknown): unknown {
  const converted = toPostgres(kind, value);
  return kind === 'number' && converted !== null ? Number(converted) : converted;
}

/** A sum of per-row hashes: the same whatever order the rows come in, so no ORDER BY (collations differ). */
function createDigest(table: CopyTable) {
  let sum = 0n;
  return {
    add(row: unknown[]) {
      const line = JSON.stringify(
        row.map((value, i) => comparable((table.columns[i] as CopyTable['columns'][0]).kind, value)),
      );
      sum = (sum + crypto.createHash('sha256').update(line).digest().readBigUInt64BE(0)) & 0xffff_ffff_ffff_ffffn;
    },
    value: () => sum,
  };
}

function digestSqlite(db: Db, table: CopyTable): bigint {
  const digest = createDigest(table);
  const names = table.columns.map((c) => quote(c.name)).join(', ');
  for (const row of db
    .prepare(`SELECT ${names} FROM ${quote(table.name)}`)
    .raw()
    .iterate() as Iterable<unknown[]>)
    digest.add(row);
  return digest.value();
}

/** Read through a cursor, a thousand rows at a time, so a large table is never held in memory at once. */
async function digestPostgres(client: pg.PoolClient, table: CopyTable): Promise<bigint> {
  const digest = createDigest(table);
  const names = table.columns.map((c) => quote(c.name)).join(', ');
  await client.query(`DECLARE copy_digest NO SCROLL CURSOR FOR SELECT ${names} FROM ${quote(table.name)}`);
  for (;;) {
    const { rows } = await client.query({ text: 'FETCH 1000 FROM copy_digest', rowMode: 'array' });
    if (rows.length === 0) break;
    for (const row of rows as unknown[][]) digest.add(row);
  }
  // Not in a finally: after a failed FETCH the transaction is aborted and is rolled back anyway.
  await client.query('CLOSE copy_digest');
  return digest.value();
}
