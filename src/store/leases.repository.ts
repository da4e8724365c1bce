import type { EngineStatements, LeasedRow } from './engine-statements';
import { named, placeholders, type Sql } from './sql';

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
  | 'webhookOrphan'
  | 'maintenance'
  | 'commsClock'
  | 'checklistMessage'
  | 'ruleFiring'
  | 'trackerIssue'
  | 'pagerEvent'
  | 'handoff'
  | 'handoffNotesPrompt'
  | 'commanderBriefing'
  | 'followNotice'
  | 'weeklyDigest';

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
   * nobody else holds such work, or whose rows the job takes. A function of the engine's own
   * statements where the SQL differs (engine-statements.ts).
   */
  only?: string | ((engine: EngineStatements) => string);
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
    only: (engine) => `NOT ${engine.inJsonArray('url', '@lane')}`,
  },
  // A status-page maintenance window's start or end (src/statuspage/maintenance-job.ts).
  maintenance: {
    table: 'status_maintenances',
    key: 'id',
    ...rowLease,
    due: 'next_at IS NOT NULL AND next_at <= @now',
    order: 'next_at, id',
  },
  // A public incident's publish reminder (src/statuspage/comms-clock.ts).
  commsClock: {
    table: 'comms_clocks',
    key: 'incident_id',
    ...rowLease,
    due: 'due_at IS NOT NULL AND due_at <= @now',
    order: 'due_at, incident_id',
  },
  // An incident's checklist message to post or bring up to date (src/checklists/checklist-message.ts),
  // once its channel exists.
  checklistMessage: {
    table: 'checklist_messages',
    key: 'incident_id',
    ...rowLease,
    due: 'due_at IS NOT NULL AND due_at <= @now',
    order: 'due_at, incident_id',
    only: 'EXISTS (SELECT 1 FROM incidents i WHERE i.id = checklist_messages.incident_id AND i.channel_id IS NOT NULL)',
  },
  // A rule's firing whose next action is due (src/rules/rule-firings.ts).
  ruleFiring: {
    table: 'rule_firings',
    key: 'id',
    ...rowLease,
    due: 'due_at IS NOT NULL AND due_at <= @now',
    order: 'due_at, id',
  },
  // A follow-up's issue to make, check or close (src/trackers).
  trackerIssue: {
    table: 'tracker_issues',
    key: 'followup_id',
    ...rowLease,
    due: 'next_at IS NOT NULL AND next_at <= @now',
    order: 'next_at, followup_id',
  },
  // A PagerDuty event (src/paging): an incident's events for a level go in order, like webhook deliveries.
  pagerEvent: {
    table: 'pager_events',
    key: 'id',
    ...rowLease,
    due: `state = 'pending' AND next_at <= @now AND NOT EXISTS (SELECT 1 FROM pager_events e WHERE e.state = 'pending' AND e.incident_id = pager_events.incident_id AND e.level = pager_events.level AND e.id < pager_events.id)`,
    order: 'id',
  },
  // A change of a rotation's primary whose briefing is to send (src/handoffs).
  handoff: {
    table: 'handoffs',
    key: 'id',
    ...rowLease,
    due: 'due_at IS NOT NULL AND due_at <= @now',
    order: 'due_at, id',
  },
  // The outgoing primary asked for hand-off notes an hour before (src/handoffs); its own lease columns.
  handoffNotesPrompt: {
    table: 'handoffs',
    key: 'id',
    until: 'prompt_lease_until',
    owner: 'prompt_lease_owner',
    due: 'prompt_due_at IS NOT NULL AND prompt_due_at <= @now',
    order: 'prompt_due_at, id',
  },
  // A new commander's briefing to send (src/handoffs).
  commanderBriefing: {
    table: 'commander_briefings',
    key: 'id',
    ...rowLease,
    due: 'due_at IS NOT NULL AND due_at <= @now',
    order: 'due_at, id',
  },
  // A DM owed to an incident's follower about one status update (src/follows).
  followNotice: {
    table: 'follow_notices',
    key: 'id',
    ...rowLease,
    due: 'due_at IS NOT NULL AND due_at <= @now',
    order: 'due_at, id',
  },
  // A week's digest to post in the announcement channel (src/digest).
  weeklyDigest: {
    table: 'weekly_digests',
    key: 'id',
    ...rowLease,
    due: 'due_at IS NOT NULL AND due_at <= @now',
    order: 'due_at, id',
  },
};

const free = (s: WorkSpec) => `(${s.until} IS NULL OR ${s.until} <= @now)`;

const onlySql = (s: WorkSpec, engine: EngineStatements) =>
  s.only === undefined ? '' : ` AND ${typeof s.only === 'string' ? s.only : s.only(engine)}`;

/** The due rows a claim takes, with their owner before it (PostgreSQL locks them: engine.lockPicked). */
const dueSql = (s: WorkSpec, engine: EngineStatements) =>
  `SELECT ${s.key} AS leased_id, ${s.owner} AS was_owner FROM ${s.table} WHERE ${s.due} AND ${free(s)}${onlySql(s, engine)} ORDER BY ${s.order} LIMIT @limit${engine.lockPicked}`;

/** One row by key, if its lease is free (or already this owner's). */
const oneSql = (s: WorkSpec, engine: EngineStatements) =>
  `SELECT ${s.key} AS leased_id, ${s.owner} AS was_owner FROM ${s.table} WHERE ${s.key} = @id AND (${free(s)} OR ${s.owner} = @owner)${engine.lockPicked}`;

const releaseSql = (s: WorkSpec) =>
  `UPDATE ${s.table} SET ${s.until} = NULL, ${s.owner} = NULL WHERE ${s.key} = @id AND ${s.owner} = @owner`;

const renewSql = (s: WorkSpec) =>
  `UPDATE ${s.table} SET ${s.until} = @until WHERE ${s.key} = @id AND ${s.owner} = @owner`;

const holderSql = (s: WorkSpec) =>
  `SELECT ${s.owner} AS owner, ${s.until} AS until FROM ${s.table} WHERE ${s.key} = @id`;

const toLeased = (owner: string) => (row: LeasedRow) => ({
  id: row.leased_id,
  takenOver: row.was_owner !== null && row.was_owner !== owner,
});

export type LeasesRepository = ReturnType<typeof createLeasesRepository>;

/**
 * Leases on timed work (README.md in this folder). A claim takes due rows whose lease is free or
 * expired, in one statement on PostgreSQL and in one uninterrupted call on SQLite
 * (engine-statements.ts); completing one (`release`) succeeds only for the holder, in the caller's
 * transaction with the row's new state.
 */
export function createLeasesRepository(q: Sql) {
  const engine = q.specific;
  // The texts are made per kind on first use and kept: a tick asks the same few every time.
  const texts = new Map<WorkKind, { due: string; one: string; release: string; renew: string; holder: string }>();
  const text = (kind: WorkKind) => {
    let found = texts.get(kind);
    if (!found) {
      const s = WORK[kind];
      found = {
        due: dueSql(s, engine),
        one: oneSql(s, engine),
        release: releaseSql(s),
        renew: renewSql(s),
        holder: holderSql(s),
      };
      texts.set(kind, found);
    }
    return found;
  };

  return {
    /** Leases up to `limit` due rows nobody holds (or whose lease expired), in due order; `lane` for kinds that ask. */
    async claimDue(kind: WorkKind, now: number, terms: LeaseTerms, limit: number, lane?: string): Promise<Leased[]> {
      const values = { now, owner: terms.owner, until: terms.until, limit, lane: lane ?? null };
      return (await engine.lease(q, WORK[kind], text(kind).due, values)).map(toLeased(terms.owner));
    },
    /** Leases one row, due or not; null when someone else holds it. */
    async claim(kind: WorkKind, id: number, now: number, terms: LeaseTerms): Promise<Leased | null> {
      const values = { id, now, owner: terms.owner, until: terms.until };
      const rows = await engine.lease(q, WORK[kind], text(kind).one, values);
      return rows.map(toLeased(terms.owner))[0] ?? null;
    },
    /** Clears the lease if `owner` holds it; true when it did (use it to guard the completion). */
    async release(kind: WorkKind, id: number, owner: string): Promise<boolean> {
      return (await q.run(...named(text(kind).release, { id, owner }))) === 1;
    },
    /** Several of one owner's leases given back at once (coalesced-calls.ts): the ids it still held. */
    async releaseMany(kind: WorkKind, ids: readonly number[], owner: string): Promise<Set<number>> {
      const s = WORK[kind];
      const rows = await q.all<{ released: number }>(
        `UPDATE ${s.table} SET ${s.until} = NULL, ${s.owner} = NULL WHERE ${s.owner} = $1 AND ${s.key} IN (${placeholders(ids.length, 2)}) RETURNING ${s.key} AS released`,
        [owner, ...ids],
      );
      return new Set(rows.map((r) => r.released));
    },
    /** Extends the lease while its holder is still at work; false when it holds it no more. */
    async renew(kind: WorkKind, id: number, terms: LeaseTerms): Promise<boolean> {
      return (await q.run(...named(text(kind).renew, { id, ...terms }))) === 1;
    },
    /** Who holds the row's lease, and until when; null when nobody does (or there is no such row). */
    async holder(kind: WorkKind, id: number): Promise<{ owner: string; until: number } | null> {
      const row = await q.one<{ owner: string | null; until: number | null }>(...named(text(kind).holder, { id }));
      return row?.owner && row.until !== null ? { owner: row.owner, until: row.until } : null;
    },
  };
}
