import { placeholders, type Sql } from './sql';
import type { Incident, Status } from '../incidents/incident.types';

export interface IncidentRow {
  id: number;
  declare_key: string;
  title: string;
  severity: string;
  status: Status;
  impact: string;
  commander_id: string;
  declared_by: string;
  declared_at: number;
  resolved_at: number | null;
  resolution: string | null;
  root_cause: string | null;
  last_update_at: number | null;
  channel_id: string | null;
  channel_name: string | null;
  kickoff_ts: string | null;
  announcement_ts: string | null;
  setup_done_at: number | null;
  source_view_id: string | null;
  roles: string;
  is_private: number | boolean;
  archive_due_at: number | null;
  archived_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  type: string;
  retroactive: number | boolean;
}

export const toIncident = (row: IncidentRow): Incident => ({
  id: row.id,
  title: row.title,
  severity: row.severity,
  status: row.status,
  impact: row.impact,
  commanderId: row.commander_id,
  declaredBy: row.declared_by,
  declaredAt: row.declared_at,
  resolvedAt: row.resolved_at,
  resolution: row.resolution,
  rootCause: row.root_cause,
  lastUpdateAt: row.last_update_at,
  channelId: row.channel_id,
  channelName: row.channel_name,
  kickoffTs: row.kickoff_ts,
  announcementTs: row.announcement_ts,
  setupDoneAt: row.setup_done_at,
  sourceViewId: row.source_view_id,
  roles: parseRoles(row.roles),
  isPrivate: row.is_private === 1 || row.is_private === true,
  archiveDueAt: row.archive_due_at,
  archivedAt: row.archived_at,
  acknowledgedAt: row.acknowledged_at ?? null,
  acknowledgedBy: row.acknowledged_by ?? null,
  type: row.type ?? 'incident',
  retroactive: Boolean(row.retroactive),
});

function parseRoles(json: string): Record<string, string> {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export interface NewIncident {
  declareKey: string;
  title: string;
  severity: string;
  impact: string;
  commanderId: string;
  declaredBy: string;
  declaredAt: number;
  sourceViewId: string | null;
  isPrivate?: boolean;
  /** The policy's type id; the column's default ('incident') when left out. */
  type?: string;
  /** An incident recorded after it ended: declared and resolved at the times given, set up already when no channel is wanted. */
  past?: { resolvedAt: number; resolution: string; setupDoneAt: number | null };
}

/** Fields the domain changes after declaration; absent keys are left as they are. */
export type IncidentChanges = Partial<
  Pick<
    Incident,
    | 'status'
    | 'severity'
    | 'impact'
    | 'commanderId'
    | 'resolvedAt'
    | 'resolution'
    | 'rootCause'
    | 'lastUpdateAt'
    | 'channelId'
    | 'channelName'
    | 'kickoffTs'
    | 'announcementTs'
    | 'setupDoneAt'
    | 'roles'
    | 'archiveDueAt'
    | 'archivedAt'
    | 'acknowledgedAt'
    | 'acknowledgedBy'
  >
>;

export const COLUMNS: Record<keyof IncidentChanges, string> = {
  status: 'status',
  severity: 'severity',
  impact: 'impact',
  commanderId: 'commander_id',
  resolvedAt: 'resolved_at',
  resolution: 'resolution',
  rootCause: 'root_cause',
  lastUpdateAt: 'last_update_at',
  channelId: 'channel_id',
  channelName: 'channel_name',
  kickoffTs: 'kickoff_ts',
  announcementTs: 'announcement_ts',
  setupDoneAt: 'setup_done_at',
  roles: 'roles',
  archiveDueAt: 'archive_due_at',
  archivedAt: 'archived_at',
  acknowledgedAt: 'acknowledged_at',
  acknowledgedBy: 'acknowledged_by',
};

export type IncidentsRepository = ReturnType<typeof createIncidentsRepository>;

export function createIncidentsRepository(q: Sql) {
  const byId = async (id: number) =>
    toIncident((await q.one<IncidentRow>('SELECT * FROM incidents WHERE id = $1', [id])) as IncidentRow);
  const ids = async (sql: string, params: unknown[]) => (await q.all<{ id: number }>(sql, params)).map((r) => r.id);
  return {
    /** Insert-or-nothing, so two replicas declaring with the same key make one incident. */
    async insertOnce(incident: NewIncident): Promise<{ incident: Incident; created: boolean }> {
      const stored = await q.one<IncidentRow>('SELECT * FROM incidents WHERE declare_key = $1', [incident.declareKey]);
      if (stored) return { incident: toIncident(stored), created: false };
      // The number is the next after the highest, not the identity's sequence: a transaction run
      // again (SERIALIZABLE, index.ts) or rolled back would leave a gap in a sequence that people
      // would see between incident numbers. Two declarations at once both reading the highest
      // number collide on the key, and one is run again (as a serialization failure).
      const inserted = await q
        .one<IncidentRow>(
          `INSERT INTO incidents (id, declare_key, title, severity, status, impact, commander_id, declared_by, declared_at, source_view_id, is_private,
                                  type, retroactive, resolved_at, resolution, setup_done_at)
         VALUES ((SELECT COALESCE(max(id), 0) + 1 FROM incidents), $1, $2, $3, $10, $4, $5, $6, $7, $8, $9, $11, $12, $13, $14, $15)
         ON CONFLICT (declare_key) DO NOTHING RETURNING *`,
          [
            incident.declareKey,
            incident.title,
            incident.severity,
            incident.impact,
            incident.commanderId,
            incident.declaredBy,
            incident.declaredAt,
            incident.sourceViewId,
            incident.isPrivate ?? false,
            incident.past ? 'resolved' : 'investigating',
            incident.type ?? 'incident',
            incident.past !== undefined,
            incident.past?.resolvedAt ?? null,
            incident.past?.resolution ?? null,
            incident.past?.setupDoneAt ?? null,
          ],
        )
        .catch((error: unknown) => {
          if ((error as { code?: unknown; constraint?: unknown }).constraint === 'incidents_pkey')
            throw Object.assign(new Error('incident number taken by a declaration at the same time'), {
              code: '40001',
              cause: error,
            });
          throw error;
        });
      if (inserted) return { incident: toIncident(inserted), created: true };
      const existing = await q.one<IncidentRow>('SELECT * FROM incidents WHERE declare_key = $1', [
        incident.declareKey,
      ]);
      return { incident: toIncident(existing as IncidentRow), created: false };
    },
    async get(id: number) {
      const row = await q.one<IncidentRow>('SELECT * FROM incidents WHERE id = $1', [id]);
      return row && toIncident(row);
    },
    /** Several at once (timed items worked together: coalesced-calls.ts), by id; missing ones are absent. */
    async getMany(ids: readonly number[]) {
      const rows = await q.all<IncidentRow>(`SELECT * FROM incidents WHERE id IN (${placeholders(ids.length)})`, ids);
      return new Map(rows.map((row) => [row.id, toIncident(row)]));
    },
    async findByChannel(channelId: string) {
      const row = await q.one<IncidentRow>('SELECT * FROM incidents WHERE channel_id = $1', [channelId]);
      return row && toIncident(row);
    },
    /** Open incidents, newest first. */
    async listOpen(limit = 100) {
      return (
        await q.all<IncidentRow>('SELECT * FROM incidents WHERE resolved_at IS NULL ORDER BY id DESC LIMIT $1', [limit])
      ).map(toIncident);
    },
    /** Open incidents and those declared or resolved since `since`, newest first. */
    async listRecent(since: number, limit = 500) {
      const rows = await q.all<IncidentRow>(
        'SELECT * FROM incidents WHERE resolved_at IS NULL OR declared_at >= $1 OR resolved_at >= $1 ORDER BY declared_at DESC, id DESC LIMIT $2',
        [since, limit],
      );
      return rows.map(toIncident);
    },
    /** Resolved incidents whose channel is due to be archived at `now`, the longest-waiting first. */
    async archiveDueIds(now: number, limit: number) {
      return ids(
        'SELECT id FROM incidents WHERE archive_due_at IS NOT NULL AND archive_due_at <= $1 ORDER BY archive_due_at LIMIT $2',
        [now, limit],
      );
    },
    async listSetupPending() {
      return (await q.all<IncidentRow>('SELECT * FROM incidents WHERE setup_done_at IS NULL ORDER BY id')).map(
        toIncident,
      );
    },
    async update(id: number, changes: IncidentChanges) {
      const keys = (Object.keys(changes) as (keyof IncidentChanges)[]).filter((k) => changes[k] !== undefined);
      if (keys.length > 0) {
        const values = keys.map((k) => (k === 'roles' ? JSON.stringify(changes.roles) : changes[k]));
        const set = keys.map((k, i) => `${COLUMNS[k]} = $${i + 2}`).join(', ');
        await q.run(`UPDATE incidents SET ${set} WHERE id = $1`, [id, ...values]);
      }
      return byId(id);
    },
    /** Counts a set-up attempt that left steps undone; returns how many have failed so far. */
    async countFailedSetup(id: number) {
      const row = await q.one<{ setup_attempts: number }>(
        'UPDATE incidents SET setup_attempts = setup_attempts + 1, setup_retry_at = NULL WHERE id = $1 RETURNING setup_attempts',
        [id],
      );
      return row?.setup_attempts as number;
    },
    /** When the scheduler is to try the set-up again; null: not at all (done, or given up). */
    async planSetupRetry(id: number, at: number | null) {
      await q.run('UPDATE incidents SET setup_retry_at = $1 WHERE id = $2', [at, id]);
    },
    async failedSetupAttempts(id: number) {
      return (
        (await q.one<{ setup_attempts: number }>('SELECT setup_attempts FROM incidents WHERE id = $1', [id]))
          ?.setup_attempts ?? 0
      );
    },
    /** Unfinished set-ups whose retry is due at `now`, the longest-waiting first. */
    async setupRetryDueIds(now: number, limit: number) {
      return ids(
        'SELECT id FROM incidents WHERE setup_retry_at IS NOT NULL AND setup_retry_at <= $1 AND setup_done_at IS NULL ORDER BY setup_retry_at LIMIT $2',
        [now, limit],
      );
    },
    async stepsDone(id: number) {
      return new Set(
        (await q.all<{ step: string }>('SELECT step FROM incident_steps WHERE incident_id = $1', [id])).map(
          (r) => r.step,
        ),
      );
    },
    async markStepDone(id: number, step: string, at: number) {
      await q.run(
        'INSERT INTO incident_steps (incident_id, step, done_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [id, step, at],
      );
    },
    /** A step that must be done again (the archive farewell after a reopen). */
    async clearStep(id: number, step: string) {
      await q.run('DELETE FROM incident_steps WHERE incident_id = $1 AND step = $2', [id, step]);
    },
  };
}
