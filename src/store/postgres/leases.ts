import {
  dueSql,
  holderSql,
  type LeaseTerms,
  type LeasesRepository,
  oneSql,
  releaseSql,
  renewSql,
  toLeased,
  WORK,
  type WorkKind,
  type WorkSpec,
} from '../leases.repository';
import { all, one, type Queryable } from './pool';

/** `@name` parameters as `$n`, and the values in that order. */
function positional(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const names: string[] = [];
  const text = sql.replace(/@(\w+)/g, (_, name: string) => {
    const at = names.indexOf(name);
    if (at >= 0) return `$${at + 1}`;
    names.push(name);
    return `$${names.length}`;
  });
  return [text, names.map((name) => values[name])];
}

/**
 * One statement: the sub-select locks the rows it takes and skips rows another replica is locking
 * right now (FOR UPDATE SKIP LOCKED), so two replicas claiming at once get disjoint rows; joining it
 * (rather than `id IN (…)`) also hands back each row's owner from before the claim.
 */
const leaseSql = (s: WorkSpec, picked: string) =>
  `UPDATE ${s.table} AS t SET ${s.until} = @until, ${s.owner} = @owner FROM (${picked}) AS old WHERE t.${s.key} = old.leased_id RETURNING old.leased_id, old.was_owner, ${orderColumns(
    s,
  )
    .map((c, i) => `t.${c} AS o${i}`)
    .join(', ')}`;

/** The columns the work is ordered by (all numbers): RETURNING follows the update, not the sub-select's order. */
const orderColumns = (s: WorkSpec) => s.order.split(',').map((c) => c.trim());

type Row = { leased_id: number; was_owner: string | null } & Record<`o${number}`, number>;

function inOrder(rows: Row[]): Row[] {
  const rank = (row: Row) =>
    Object.keys(row)
      .filter((k) => /^o\d+$/.test(k))
      .sort()
      .map((k) => row[k as `o${number}`]);
  return [...rows].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
    return 0;
  });
}

export function createPgLeasesRepository(q: Queryable): LeasesRepository {
  const run = async (sql: string, values: Record<string, unknown>, owner: string) =>
    inOrder(await all<Row>(q, ...positional(sql, values))).map(toLeased(owner));

  return {
    async claimDue(kind: WorkKind, now: number, terms: LeaseTerms, limit: number, lane?: string) {
      const s = WORK[kind];
      return run(
        leaseSql(s, dueSql(s, 'postgres')),
        { now, owner: terms.owner, until: terms.until, limit, lane: lane ?? null },
        terms.owner,
      );
    },
    async claim(kind: WorkKind, id: number, now: number, terms: LeaseTerms) {
      const s = WORK[kind];
      const rows = await run(
        leaseSql(s, oneSql(s, 'postgres')),
        { id, now, owner: terms.owner, until: terms.until },
        terms.owner,
      );
      return rows[0] ?? null;
    },
    async release(kind: WorkKind, id: number, owner: string) {
      const result = await q.query(...positional(releaseSql(WORK[kind]), { id, owner }));
      return result.rowCount === 1;
    },
    async renew(kind: WorkKind, id: number, terms: LeaseTerms) {
      const result = await q.query(...positional(renewSql(WORK[kind]), { id, ...terms }));
      return result.rowCount === 1;
    },
    async holder(kind: WorkKind, id: number) {
      const row = await one<{ owner: string | null; until: number | null }>(
        q,
        ...positional(holderSql(WORK[kind]), { id }),
      );
      return row?.owner && row.until !== null ? { owner: row.owner, until: row.until } : null;
    },
  };
}
