import type { Db } from './sqlite/db';

/** The kinds of timed work leased row by row (migrations/0012). */
export type WorkKind =
  | 'reminder'
  | 'escalationTimer'
  | 'archive'
  | 'setup'
  | 'alert'
  | 'alertNotice'
  | 'followupNudge'
  | 'postmortemNudge'
  | 'webhook'
  | 'webhookOrphan';

/** Who asks for a lease (a random id per process) and until when it holds (UTC ms). */
export interface LeaseTerms {
  owner: string;
  until: number;
}

/** A leased row. `takenOver`: someone else leased it before and never completed it (a crash). */
export interface Leased {
  id: number;
  takenOver: boolean;
}

/** The two engines, where a kind's SQL must differ between them. */
export type SqlDialect = 'sqlite' | 'postgres';

/** Where a kind of work lives: its table, key, lease columns, what makes a row due and in which order. */
export interface WorkSpec {
  table: string;
  key: string;
  until: string;
  owner: string;
  /** SQL over the row, with @now. */
  due: string;
  order: string;
  /**
   * More SQL the claim must satisfy (with @now, @owner, and @lane: the job's `lane`), e.g. that
   * nobody else holds such work, or whose rows the job takes; one text per engine where they differ.
   */
  only?: string | Record<SqlDialect, string>;
}

const rowLease = { until: 'lease_until', owner: 'lease_owner' };

export const WORK: Record<WorkKind, WorkSpec> = {
  reminder: {
    table: 'reminders',
    key: 'incident_id',
    ...rowLease,
    due: 'due_at IS NOT NULL AND due_at <= @now',
    order: 'due_at, incident_id',
  },
  escalationTimer: {
    table: 'escalation_timers',
    key: 'id',
    ...rowLease,
    due: "state = 'pending' AND due_at IS NOT NULL AND due_at <= @now",
    // Levels that fell due while Commander was down fire once each, lowest first.
    order: 'due_at, level, id',
  },
  archive: {
    table: 'incidents',
    key: 'id',
    until: 'archive_lease_until',
    owner: 'archive_lease_owner',
    due: 'archive_due_at IS NOT NULL AND archive_due_at <= @now',
    order: 'archive_due_at, id',
  },
  setup: {
    table: 'incidents',
    key: 'id',
    until: 'setup_lease_until',
    owner: 'setup_lease_owner',
    due: 'setup_retry_at IS NOT NULL AND setup_retry_at <= @now AND setup_done_at IS NULL',
    order: 'setup_retry_at, id',
  },
  alert: {
    table: 'alert_notifications',
    key: 'id',
    ...rowLease,
    due: 'processed_at IS NULL',
    order: 'id',
    // Notifications are worked through in order, by one replica at a time: a group's "resolved"
    // must not overtake its "firing" on another replica.
    only: 'NOT EXISTS (SELECT 1 FROM alert_notifications o WHERE o.processed_at IS NULL AND o.lease_owner <> @owner AND o.lease_until > @now)',
  },
  alertNotice: {
    table: 'alert_notices',
    key: 'id',
    ...rowLease,
    due: 'due_at IS NOT NULL AND due_at <= @now',
    order: 'due_at, id',
  },
  followupNudge: {
    table: 'followups',
    key: 'id',
    until: 'nudge_lease_until',
    owner: 'nudge_lease_owner',
    due: 'nudge_at IS NOT NULL AND nudge_at <= @now AND done_at IS NULL AND owner_id IS NOT NULL',
    order: 'nudge_at, id',
  },
  // A resolved incident's postmortem steps nudge its commander: leased per incident, its due steps together.
  postmortemNudge: {
    table: 'incidents',
    key: 'id',
    until: 'nudge_lease_until',
    owner: 'nudge_lease_owner',
    due: 'EXISTS (SELECT 1 FROM postmortem_steps s WHERE s.incident_id = incidents.id AND s.nudge_at IS NOT NULL AND s.nudge_at <= @now AND s.done_at IS NULL)',
    order: 'id',
  },
  // One receiver's deliveries (@lane: its URL), each receiver's job on its own, so a receiver that
  // never answers holds up only its own events. A receiver gets an incident's events in the order
  // they happened: a later event waits until the earlier one is taken or given up.
  webhook: {
    table: 'webhook_outbox',
    key: 'id',
    ...rowLease,
    due: `state = 'pending' AND next_at <= @now AND NOT EXISTS (SELECT 1 FROM webhook_outbox e WHERE e.state = 'pending' AND e.url = webhook_outbox.url AND e.incident_id = webhook_outbox.incident_id AND e.id < webhook_outbox.id)`,
    order: 'id',
    only: 'url = @lane',
  },
  // Deliveries to receivers no longer in the policy (@lane: the URLs it has, as a JSON array), to give up.
  webhookOrphan: {
    table: 'webhook_outbox',
    key: 'id',
    ...rowLease,
    due: "state = 'pending'",
    order: 'id',
    only: {
      sqlite: 'url NOT IN (SELECT value FROM json_each(@lane))',
      postgres: 'url NOT IN (SELECT json_array_elements_text(CAST(@lane AS json)))',
    },
  },
};

const free = (s: WorkSpec) => `(${s.until} IS NULL OR ${s.until} <= @now)`;

/** PostgreSQL's claims skip rows another replica is locking right now, rather than wait for them. */
const lockOn = (dialect: SqlDialect) => (dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '');

const onlySql = (s: WorkSpec, dialect: SqlDialect) =>
  s.only === undefined ? '' : ` AND ${typeof s.only === 'string' ? s.only : s.only[dialect]}`;

/** The rows a claim takes, with their owner before it: a SELECT on SQLite, the sub-select of one UPDATE on PostgreSQL. */
export const dueSql = (s: WorkSpec, dialect: SqlDialect) =>
  `SELECT ${s.key} AS leased_id, ${s.owner} AS was_owner FROM ${s.table} WHERE ${s.due} AND ${free(s)}${onlySql(s, dialect)} ORDER BY ${s.order} LIMIT @limit${lockOn(dialect)}`;

/** One row by key, if its lease is free (or already this owner's). */
export const oneSql = (s: WorkSpec, dialect: SqlDialect) =>
  `SELECT ${s.key} AS leased_id, ${s.owner} AS was_owner FROM ${s.table} WHERE ${s.key} = @id AND (${free(s)} OR ${s.owner} = @owner)${lockOn(dialect)}`;

export const releaseSql = (s: WorkSpec) =>
  `UPDATE ${s.table} SET ${s.until} = NULL, ${s.owner} = NULL WHERE ${s.key} = @id AND ${s.owner} = @owner`;

export const renewSql = (s: WorkSpec) =>
  `UPDATE ${s.table} SET ${s.until} = @until WHERE ${s.key} = @id AND ${s.owner} = @owner`;

export const holderSql = (s: WorkSpec) =>
  `SELECT ${s.owner} AS owner, ${s.until} AS until FROM ${s.table} WHERE ${s.key} = @id`;

export const toLeased = (owner: string) => (row: { leased_id: number; was_owner: string | null }) => ({
  id: row.leased_id,
  takenOver: row.was_owner !== null && row.was_owner !== owner,
});

export type LeasesRepository = ReturnType<typeof createLeasesRepository>;

/**
 * Leases on timed work (README.md in this folder). A claim takes due rows whose lease is free or
 * expired; completing one (`release`) succeeds only for the holder, in the caller's transaction
 * with the row's new state. On SQLite the select and the update run with no await in between, so
 * nothing else runs between them on the one connection.
 */
export function createLeasesRepository({ db }: { db: Db }) {
  const statements = (s: WorkSpec) => ({
    due: db.prepare(dueSql(s, 'sqlite')),
    one: db.prepare(oneSql(s, 'sqlite')),
    take: db.prepare(`UPDATE ${s.table} SET ${s.until} = @until, ${s.owner} = @owner WHERE ${s.key} = @id`),
    release: db.prepare(releaseSql(s)),
    renew: db.prepare(renewSql(s)),
    holder: db.prepare(holderSql(s)),
  });
  // Prepared per kind on first use: eight kinds of six statements each would cost every start-up,
  // and a CLI run needs one kind or none.
  const cache = new Map<WorkKind, ReturnType<typeof statements>>();
  const prepared = (kind: WorkKind) => {
    let found = cache.get(kind);
    if (!found) {
      found = statements(WORK[kind]);
      cache.set(kind, found);
    }
    return found;
  };

  const take = (kind: WorkKind, rows: Array<{ leased_id: number; was_owner: string | null }>, terms: LeaseTerms) => {
    for (const row of rows) prepared(kind).take.run({ ...terms, id: row.leased_id });
    return rows.map(toLeased(terms.owner));
  };

  return {
    /** Leases up to `limit` due rows nobody holds (or whose lease expired), in due order; `lane` for kinds that ask. */
    async claimDue(kind: WorkKind, now: number, terms: LeaseTerms, limit: number, lane?: string): Promise<Leased[]> {
      const rows = prepared(kind).due.all({ now, owner: terms.owner, limit, lane: lane ?? null }) as Array<{
        leased_id: number;
        was_owner: string | null;
      }>;
      return take(kind, rows, terms);
    },
    /** Leases one row, due or not; null when someone else holds it. */
    async claim(kind: WorkKind, id: number, now: number, terms: LeaseTerms): Promise<Leased | null> {
      const rows = prepared(kind).one.all({ id, now, owner: terms.owner }) as Array<{
        leased_id: number;
        was_owner: string | null;
      }>;
      return take(kind, rows, terms)[0] ?? null;
    },
    /** Clears the lease if `owner` holds it; true when it did (use it to guard the completion). */
    async release(kind: WorkKind, id: number, owner: string): Promise<boolean> {
      return prepared(kind).release.run({ id, owner }).changes === 1;
    },
    /** Extends the lease while its holder is still at work; false when it holds it no more. */
    async renew(kind: WorkKind, id: number, terms: LeaseTerms): Promise<boolean> {
      return prepared(kind).renew.run({ id, ...terms }).changes === 1;
    },
    /** Who holds the row's lease, and until when; null when nobody does (or there is no such row). */
    async holder(kind: WorkKind, id: number): Promise<{ owner: string; until: number } | null> {
      const row = prepared(kind).holder.get({ id }) as { owner: string | null; until: number | null } | undefined;
      return row?.owner && row.until !== null ? { owner: row.owner, until: row.until } : null;
    },
  };
}

/**
 * SQLite is one process's database: a lease still set when it opens was left by a process that
 * ended (a crash, a kill). Such leases are ended now rather than waited out; their owner stays, so
 * the work is still recognised as taken over (and what it may have posted is looked for).
 */
export function expireLeftLeases(db: Db): number {
  let expired = 0;
  const seen = new Set<string>();
  for (const s of Object.values(WORK)) {
    const at = `${s.table}.${s.until}`;
    if (seen.has(at)) continue;
    seen.add(at);
    expired += db.prepare(`UPDATE ${s.table} SET ${s.until} = 0 WHERE ${s.until} IS NOT NULL`).run().changes;
  }
  return expired;
}
