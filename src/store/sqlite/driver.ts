import type { Statement } from 'better-sqlite3';
import type { Sql } from '../sql';
import type { Db } from './db';
import { sqliteStatements } from './statements';

interface Prepared {
  statement: Statement;
  /** For each `?` in the statement, which of the caller's `$n` parameters it takes (0-based). */
  order: number[];
}

/**
 * The repositories' SQL on better-sqlite3. Statements are written with `$1…$n` (sql.ts); SQLite's
 * `?` takes parameters by position, so each `$n` becomes a `?` and the values are laid out to
 * match, once per text. A statement is prepared on its first use and kept: preparing every one at
 * start-up would cost every process, the CLI's too, for statements it may never run.
 * SQLite has no booleans: true and false are bound as 1 and 0.
 */
export function sqliteDriver(db: Db): Sql {
  const cache = new Map<string, Prepared>();
  const prepared = (text: string): Prepared => {
    let found = cache.get(text);
    if (!found) {
      const { text: sqliteText, order } = toQuestionMarks(text);
      found = { statement: db.prepare(sqliteText), order };
      cache.set(text, found);
    }
    return found;
  };
  const values = (p: Prepared, params: readonly unknown[]) => p.order.map((i) => bindable(params[i]));

  const driver: Sql = {
    engine: 'sqlite',
    specific: sqliteStatements,
    async all<R>(text: string, params: readonly unknown[] = []) {
      const p = prepared(text);
      return p.statement.all(...values(p, params)) as R[];
    },
    async one<R>(text: string, params: readonly unknown[] = []) {
      const p = prepared(text);
      return p.statement.get(...values(p, params)) as R | undefined;
    },
    async run(text: string, params: readonly unknown[] = []) {
      const p = prepared(text);
      // A statement with RETURNING answers rows; how many it changed is how many came back.
      return p.statement.reader
        ? p.statement.all(...values(p, params)).length
        : p.statement.run(...values(p, params)).changes;
    },
  };
  return driver;
}

function bindable(value: unknown): unknown {
  if (value === true) return 1;
  if (value === false) return 0;
  return value === undefined ? null : value;
}

/**
 * `$n` as `?`, outside quoted strings and names, with the parameter each `?` takes. A `$n` used
 * twice becomes two `?`s taking the same value.
 */
export function toQuestionMarks(text: string): { text: string; order: number[] } {
  const order: number[] = [];
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      out += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      out += c;
      continue;
    }
    const number = c === '$' ? /^\d+/.exec(text.slice(i + 1))?.[0] : undefined;
    if (number) {
      order.push(Number(number) - 1);
      out += '?';
      i += number.length;
      continue;
    }
    out += c;
  }
  return { text: out, order };
}
