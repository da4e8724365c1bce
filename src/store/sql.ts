/**
 * The driver port: what every repository runs its SQL on, on either engine. A statement is written
 * once, in the SQL both engines speak, with PostgreSQL's `$1…$n` parameters; each engine's driver
 * (sqlite/driver.ts, postgres/driver.ts) runs it in its own way. The few statements whose text must
 * differ are named in `specific` (engine-statements.ts). Why a port and not a query builder: README.md.
 */
import type { EngineStatements } from './engine-statements';

export type SqlEngine = 'sqlite' | 'postgres';

export interface Sql {
  readonly engine: SqlEngine;
  /** The statements each engine writes its own way, by name. */
  readonly specific: EngineStatements;
  all<R>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** The first row, or undefined. */
  one<R>(text: string, params?: readonly unknown[]): Promise<R | undefined>;
  /** Runs a statement that changes rows; resolves to how many it changed. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
}

/**
 * `@name` parameters as `$n`, and the values in that order, for statements assembled from parts
 * that name their parameters (the lease claims). Remembered per text: the same few are asked every tick.
 */
export function named(text: string, values: Record<string, unknown>): [string, unknown[]] {
  let found = namedCache.get(text);
  if (!found) {
    const names: string[] = [];
    const positional = text.replace(/@(\w+)/g, (_, name: string) => {
      const at = names.indexOf(name);
      if (at >= 0) return `$${at + 1}`;
      names.push(name);
      return `$${names.length}`;
    });
    found = { positional, names };
    namedCache.set(text, found);
  }
  return [found.positional, found.names.map((name) => values[name])];
}
const namedCache = new Map<string, { positional: string; names: string[] }>();

/** `$1, $2, …, $count`, for an IN list of `count` values. */
export const placeholders = (count: number, from = 1): string =>
  Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');

/** `($1, …, $width), ($width+1, …)`: `count` rows of a multi-row VALUES, their values flattened in order. */
export const rowsOf = (count: number, width: number): string =>
  Array.from({ length: count }, (_, row) => `(${placeholders(width, row * width + 1)})`).join(', ');
