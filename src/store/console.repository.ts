import type { Incident, Status } from '../incidents/incident.types';
import { type IncidentRow, toIncident } from './incidents.repository';
import { placeholders, type Sql } from './sql';

/** What the console's incident list is narrowed to; every field optional. */
export interface IncidentFilter {
  /** `open`, `resolved`, or one status. */
  status?: 'open' | 'resolved' | Status;
  severity?: string;
  service?: string;
  type?: string;
  /** Declared at or after (ms). */
  from?: number;
  /** Declared before (ms). */
  to?: number;
  /** Words looked for in titles, impact, summaries (the incident's, its updates') and notes. */
  text?: string;
}

/** Which private incidents a reader may see: all (admins), or these numbers. Public ones are always in. */
export type PrivateScope = { all: true } | { all: false; ids: readonly number[] };

/** An incident of an insights range, with the few facts its figures are worked out from. */
export interface InsightFacts {
  incidents: Incident[];
  updates: Array<{ incident_id: number; status: Status; posted_at: number }>;
  corrections: Array<{ incident_id: number; key: string; at: number }>;
  /** The commander's first recorded action, for incidents with no recorded acknowledgement. */
  firstActions: Array<{ incident_id: number; first: number }>;
  entries: Array<{ incident_id: number; kind: string; at: number; data: string | null }>;
  followups: Array<{ incident_id: number; due_at: number | null; done_at: number | null }>;
}

/** The timeline kinds the insights read (severity over time, DMs sent, postmortem steps). */
export const INSIGHT_KINDS = [
  'severity_changed',
  'reminder_sent',
  'escalated',
  'acknowledgement_overdue',
  'postmortem_step_done',
] as const;

/** A reader's channels named in one statement at most; past that, every private incident is read. */
const CHANNELS_LISTED = 500;

const containing = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;
const like = (text: string) => containing(text.toLowerCase());

/** The WHERE clause and its parameters for a filter and a reader's scope. */
function where(filter: IncidentFilter, scope: PrivateScope): [string, unknown[]] {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (!scope.all)
    clauses.push(
      scope.ids.length === 0
        ? 'NOT is_private'
        : `(NOT is_private OR id IN (${scope.ids.map((id) => param(id)).join(', ')}))`,
    );
  if (filter.status === 'open') clauses.push('resolved_at IS NULL');
  else if (filter.status === 'resolved') clauses.push('resolved_at IS NOT NULL');
  else if (filter.status) clauses.push(`status = ${param(filter.status)}`);
  if (filter.severity) clauses.push(`severity = ${param(filter.severity)}`);
  if (filter.type) clauses.push(`type = ${param(filter.type)}`);
  if (filter.from !== undefined) clauses.push(`declared_at >= ${param(filter.from)}`);
  if (filter.to !== undefined) clauses.push(`declared_at < ${param(filter.to)}`);
  if (filter.service)
    clauses.push(
      `EXISTS (SELECT 1 FROM incident_services s WHERE s.incident_id = incidents.id AND s.service_id = ${param(filter.service)})`,
    );
  if (filter.text) {
    // LOWER on both sides: PostgreSQL's LIKE minds case, SQLite's does not (for ASCII).
    const p = param(like(filter.text));
    const matches = (column: string) => `LOWER(${column}) LIKE ${p} ESCAPE '\\'`;
    clauses.push(
      `(${matches('title')} OR ${matches('impact')} OR ${matches("COALESCE(summary, '')")}` +
        ` OR EXISTS (SELECT 1 FROM status_updates u WHERE u.incident_id = incidents.id AND ${matches('u.summary')})` +
        ` OR EXISTS (SELECT 1 FROM timeline t WHERE t.incident_id = incidents.id AND t.kind = 'note' AND t.removed_at IS NULL AND ${matches('t.text')}))`,
    );
  }
  return [clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params];
}

export type ConsoleReadingsRepository = ReturnType<typeof createConsoleReadings>;

/** Read-only queries of the web console (src/web): the incident list, paged in SQL, and the insights' facts. */
export function createConsoleReadings(q: Sql) {
  const inRange = 'i.declared_at >= $1 AND i.declared_at < $2 AND i.type <> $3';
  return {
    /** Every private incident: the few a reader's visibility is worked out for before a list is read. */
    async privateIncidents(): Promise<Incident[]> {
      return (await q.all<IncidentRow>('SELECT * FROM incidents WHERE is_private ORDER BY id')).map(toIncident);
    },

    /**
     * The private incidents that name the person (declared, lead or a role) or whose channel is one of
     * `channelIds`: the only ones the visibility rule could show them, so it is asked about no others.
     * Past CHANNELS_LISTED channels, every private incident (the rule still decides).
     */
    async privateIncidentsOf(userId: string, channelIds: readonly string[]): Promise<Incident[]> {
      if (channelIds.length > CHANNELS_LISTED)
        return (await q.all<IncidentRow>('SELECT * FROM incidents WHERE is_private ORDER BY id')).map(toIncident);
      const channels = channelIds.length === 0 ? '' : ` OR channel_id IN (${placeholders(channelIds.length, 3)})`;
      return (
        await q.all<IncidentRow>(
          `SELECT * FROM incidents WHERE is_private AND (declared_by = $1 OR commander_id = $1 OR roles LIKE $2 ESCAPE '\\'${channels}) ORDER BY id`,
          [userId, containing(`"${userId}"`), ...channelIds],
        )
      ).map(toIncident);
    },

    /** One page of the list, open incidents first, then the newest; and how many match in all. */
    async listPage(filter: IncidentFilter, scope: PrivateScope, page: { offset: number; limit: number }) {
      const [clause, params] = where(filter, scope);
      const n = params.length;
      // The count comes with the page, so a text search runs once, not once more to count; and only
      // the page's ids and sort keys go through the count and the sort, the page's rows joined after.
      const rows = await q.all<IncidentRow & { matching: number }>(
        `SELECT i.*, p.matching FROM (
           SELECT id, declared_at, CASE WHEN resolved_at IS NULL THEN 0 ELSE 1 END AS closed, COUNT(*) OVER () AS matching
           FROM incidents ${clause} ORDER BY closed, declared_at DESC, id DESC LIMIT $${n + 1} OFFSET $${n + 2}
         ) p JOIN incidents i ON i.id = p.id ORDER BY p.closed, p.declared_at DESC, p.id DESC`,
        [...params, page.limit, page.offset],
      );
      // A page past the end has no row to carry the count.
      const total =
        rows.length > 0 || page.offset === 0
          ? Number(rows[0]?.matching ?? 0)
          : Number((await q.one<{ n: number }>(`SELECT COUNT(*) AS n FROM incidents ${clause}`, params))?.n ?? 0);
      return { incidents: rows.map(toIncident), total };
    },

    /** The services of these incidents, by incident (one with none is absent). */
    async servicesOf(ids: readonly number[]): Promise<Map<number, string[]>> {
      const byIncident = new Map<number, string[]>();
      if (ids.length === 0) return byIncident;
      const rows = await q.all<{ incident_id: number; service_id: string }>(
        `SELECT incident_id, service_id FROM incident_services WHERE incident_id IN (${placeholders(ids.length)}) ORDER BY incident_id, added_at, service_id`,
        ids,
      );
      for (const row of rows)
        byIncident.set(row.incident_id, [...(byIncident.get(row.incident_id) ?? []), row.service_id]);
      return byIncident;
    },

    /** The incidents declared in [from, to), but those of type `leftOut` (drills), with what their figures need. */
    async insightFacts(from: number, to: number, leftOut: string): Promise<InsightFacts> {
      const range = [from, to, leftOut];
      const incidents = (
        await q.all<IncidentRow>(`SELECT * FROM incidents i WHERE ${inRange} ORDER BY i.declared_at, i.id`, range)
      ).map(toIncident);
      const updates = await q.all<InsightFacts['updates'][number]>(
        `SELECT u.incident_id, u.status, u.posted_at FROM status_updates u JOIN incidents i ON i.id = u.incident_id WHERE ${inRange} ORDER BY u.incident_id, u.posted_at, u.id`,
        range,
      );
      const corrections = await q.all<InsightFacts['corrections'][number]>(
        `SELECT k.incident_id, k.key, k.at FROM incident_key_times k JOIN incidents i ON i.id = k.incident_id WHERE ${inRange}`,
        range,
      );
      const firstActions = await q.all<InsightFacts['firstActions'][number]>(
        `SELECT t.incident_id, MIN(t.at) AS first FROM timeline t JOIN incidents i ON i.id = t.incident_id AND t.actor_id = i.commander_id
         WHERE ${inRange} AND i.acknowledged_at IS NULL AND t.removed_at IS NULL GROUP BY t.incident_id`,
        range,
      );
      const entries = await q.all<InsightFacts['entries'][number]>(
        `SELECT t.incident_id, t.kind, t.at, t.data FROM timeline t JOIN incidents i ON i.id = t.incident_id
         WHERE ${inRange} AND t.removed_at IS NULL AND t.kind IN (${placeholders(INSIGHT_KINDS.length, 4)}) ORDER BY t.incident_id, t.at, t.id`,
        [...range, ...INSIGHT_KINDS],
      );
      const followups = await q.all<InsightFacts['followups'][number]>(
        `SELECT f.incident_id, f.due_at, f.done_at FROM followups f JOIN incidents i ON i.id = f.incident_id WHERE ${inRange}`,
        range,
      );
      return { incidents, updates, corrections, firstActions, entries, followups };
    },
  };
}
