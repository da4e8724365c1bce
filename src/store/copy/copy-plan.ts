import type { Db } from '../sqlite/db';
import type { Queryable } from '../postgres/pool';

/** How a column's SQLite value becomes its PostgreSQL one. */
export type ColumnKind = 'boolean' | 'number' | 'text';

export interface CopyColumn {
  name: string;
  kind: ColumnKind;
  /** An identity column, whose sequence must continue after the copied rows. */
  identity: boolean;
}

export interface CopyTable {
  name: string;
  columns: CopyColumn[];
}

/** Why a copy cannot go ahead: a sentence for the operator; nothing has been written. */
export class CopyRefused extends Error {}

/** Not data: each engine records its own migrations. */
const OWN_TABLES = new Set(['schema_migrations']);

/**
 * Derived, not data: the full-text index (SQLite's FTS5 table and its shadow tables), which
 * PostgreSQL's triggers build again from the copied incidents and timeline (migration 0026).
 */
const DERIVED = /^incident_search(_|$)/;

interface PgColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  is_identity: 'YES' | 'NO';
}

/** The SQLite database's tables (without SQLite's own and the migration record). */
export function sqliteTables(db: Db): string[] {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return names.filter((name) => !OWN_TABLES.has(name));
}

/** Every table of the current schema on PostgreSQL (Commander's and anyone else's). */
export async function postgresTables(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  return rows.map((r) => r.table_name);
}

/**
 * The tables to copy, read from both schemas rather than listed here: a table a later migration
 * adds is copied without a change to this file, and one that exists on SQLite only (a missing
 * PostgreSQL twin) stops the copy instead of being left behind. Ordered so that a table comes after
 * the tables its foreign keys point to.
 */
export async function planCopy(db: Db, q: Queryable): Promise<CopyTable[]> {
  const { rows } = await q.query<PgColumn>(
    'SELECT table_name, column_name, data_type, is_identity FROM information_schema.columns WHERE table_schema = current_schema()',
  );
  const tables: CopyTable[] = [];
  for (const name of sqliteTables(db)) {
    if (DERIVED.test(name)) continue;
    const target = rows.filter((r) => r.table_name === name);
    if (target.length === 0) {
      throw new CopyRefused(
        `The SQLite table ${name} has no PostgreSQL counterpart in this version of Commander, so it cannot be copied.`,
      );
    }
    const sourceColumns = db
      .prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid')
      .pluck()
      .all(name) as string[];
    const missing = sourceColumns.filter((c) => !target.some((t) => t.column_name === c));
    if (missing.length > 0) {
      throw new CopyRefused(
        `The PostgreSQL table ${name} has no column ${missing.join(', ')}, which the SQLite one has, so it cannot be copied.`,
      );
    }
    tables.push({
      name,
      columns: sourceColumns.map((c) => {
        const column = target.find((t) => t.column_name === c) as PgColumn;
        return { name: c, kind: kindOf(column.data_type), identity: column.is_identity === 'YES' };
      }),
    });
  }
  return inDependencyOrder(db, tables);
}

function kindOf(dataType: string): ColumnKind {
  if (dataType === 'boolean') return 'boolean';
  if (['bigint', 'integer', 'smallint', 'numeric', 'double precision', 'real'].includes(dataType)) return 'number';
  return 'text';
}

/** Referenced tables first (SQLite's foreign keys are the same as PostgreSQL's, by the schema-parity test). */
function inDependencyOrder(db: Db, tables: CopyTable[]): CopyTable[] {
  const ordered: CopyTable[] = [];
  const visiting = new Set<string>();
  const visit = (table: CopyTable) => {
    if (ordered.includes(table) || visiting.has(table.name)) return;
    visiting.add(table.name);
    const parents = db.prepare('SELECT "table" FROM pragma_foreign_key_list(?)').pluck().all(table.name) as string[];
    for (const parent of parents) {
      const found = tables.find((t) => t.name === parent);
      if (found && found !== table) visit(found);
    }
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

/**
 * A SQLite value as PostgreSQL takes it: 0/1 flags become booleans; times and JSON text stay as they
 * are, except for NUL (U+0000), which SQLite stores and PostgreSQL's text cannot hold: an older
 * Commander let it in from alerts, and it is dropped (`hasNul` counts the values that held one).
 */
export function toPostgres(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'boolean') return value !== 0 && value !== '0' && value !== false;
  if (kind === 'number') return typeof value === 'bigint' ? value.toString() : value;
  return (typeof value === 'string' ? value : String(value)).replaceAll('\u0000', '');
}

/** Whether toPostgres changes this text value beyond its type: it holds a NUL, which is dropped. */
export const hasNul = (kind: ColumnKind, value: unknown): boolean =>
  kind === 'text' && value !== null && value !== undefined && String(value).includes('\u0000');

export const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
