import type { Db } from './sqlite/db';
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

export function createIncidentsRepository({ db }: { db: Db }) {
  const insert = db.prepare(`
    INSERT INTO incidents (declare_key, title, severity, status, impact, commander_id, declared_by, declared_at, source_view_id, is_private)
    VALUES (@declareKey, @title, @severity, 'investigating', @impact, @commanderId, @declaredBy, @declaredAt, @sourceViewId, @isPrivate)`);
  const byId = db.prepare('SELECT * FROM incidents WHERE id = ?');
  const byKey = db.prepare('SELECT * FROM incidents WHERE declare_key = ?');
  const byChannel = db.prepare('SELECT * FROM incidents WHERE channel_id = ?');
  const setupPending = db.prepare('SELECT * FROM incidents WHERE setup_done_at IS NULL ORDER BY id');
  const open = db.prepare('SELECT * FROM incidents WHERE resolved_at IS NULL ORDER BY id DESC LIMIT ?');
  const recent = db.prepare(
    'SELECT * FROM incidents WHERE resolved_at IS NULL OR declared_at >= ? OR resolved_at >= ? ORDER BY declared_at DESC, id DESC LIMIT ?',
  );
  const archiveDue = db
    .prepare(
      'SELECT id FROM incidents WHERE archive_due_at IS NOT NULL AND archive_due_at <= ? ORDER BY archive_due_at LIMIT ?',
    )
    .pluck();
  const setupRetryDue = db
    .prepare(
      'SELECT id FROM incidents WHERE setup_retry_at IS NOT NULL AND setup_retry_at <= ? AND setup_done_at IS NULL ORDER BY setup_retry_at LIMIT ?',
    )
    .pluck();
  const setupFailed = db
    .prepare(
      'UPDATE incidents SET setup_attempts = setup_attempts + 1, setup_retry_at = NULL WHERE id = ? RETURNING setup_attempts',
    )
    .pluck();
  const setupRetryAt = db.prepare('UPDATE incidents SET setup_retry_at = ? WHERE id = ?');
  const setupAttempts = db.prepare('SELECT setup_attempts FROM incidents WHERE id = ?').pluck();
  const stepsOf = db.prepare('SELECT step FROM incident_steps WHERE incident_id = ?').pluck();
  const markStep = db.prepare('INSERT OR IGNORE INTO incident_steps (incident_id, step, done_at) VALUES (?, ?, ?)');
  const unmarkStep = db.prepare('DELETE FROM incident_steps WHERE incident_id = ? AND step = ?');
  const updates = new Map<string, ReturnType<Db['prepare']>>();

  return {
    /** Inserts the incident unless one was already declared with this key; returns it either way. */
    async insertOnce(incident: NewIncident): Promise<{ incident: Incident; created: boolean }> {
      const existing = byKey.get(incident.declareKey) as IncidentRow | undefined;
      if (existing) return { incident: toIncident(existing), created: false };
      const id = Number(insert.run({ ...incident, isPrivate: incident.isPrivate ? 1 : 0 }).lastInsertRowid);
      return { incident: toIncident(byId.get(id) as IncidentRow), created: true };
    },
    async get(id: number): Promise<Incident | undefined> {
      const row = byId.get(id) as IncidentRow | undefined;
      return row && toIncident(row);
    },
    async findByChannel(channelId: string): Promise<Incident | undefined> {
      const row = byChannel.get(channelId) as IncidentRow | undefined;
      return row && toIncident(row);
    },
    /** Open incidents, newest first. */
    async listOpen(limit = 100): Promise<Incident[]> {
      return (open.all(limit) as IncidentRow[]).map(toIncident);
    },
    /** Open incidents and those declared or resolved since `since`, newest first. */
    async listRecent(since: number, limit = 500): Promise<Incident[]> {
      return (recent.all(since, since, limit) as IncidentRow[]).map(toIncident);
    },
    /** Resolved incidents whose channel is due to be archived at `now`, the longest-waiting first. */
    async archiveDueIds(now: number, limit: number): Promise<number[]> {
      return archiveDue.all(now, limit) as number[];
    },
    async listSetupPending(): Promise<Incident[]> {
      return (setupPending.all() as IncidentRow[]).map(toIncident);
    },
    async update(id: number, changes: IncidentChanges): Promise<Incident> {
      const keys = (Object.keys(changes) as (keyof IncidentChanges)[]).filter((k) => changes[k] !== undefined);
      if (keys.length > 0) {
        const sqlKey = keys.join(',');
        let statement = updates.get(sqlKey);
        if (!statement) {
          statement = db.prepare(
            `UPDATE incidents SET ${keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ')} WHERE id = @id`,
          );
          updates.set(sqlKey, statement);
        }
        statement.run({ ...changes, ...(changes.roles ? { roles: JSON.stringify(changes.roles) } : {}), id });
      }
      return toIncident(byId.get(id) as IncidentRow);
    },
    /** Counts a set-up attempt that left steps undone; returns how many have failed so far. */
    async countFailedSetup(id: number): Promise<number> {
      return setupFailed.get(id) as number;
    },
    /** When the scheduler is to try the set-up again; null: not at all (done, or given up). */
    async planSetupRetry(id: number, at: number | null): Promise<void> {
      setupRetryAt.run(at, id);
    },
    async failedSetupAttempts(id: number): Promise<number> {
      return (setupAttempts.get(id) as number | undefined) ?? 0;
    },
    /** Unfinished set-ups whose retry is due at `now`, the longest-waiting first. */
    async setupRetryDueIds(now: number, limit: number): Promise<number[]> {
      return setupRetryDue.all(now, limit) as number[];
    },
    async stepsDone(id: number): Promise<Set<string>> {
      return new Set(stepsOf.all(id) as string[]);
    },
    async markStepDone(id: number, step: string, at: number): Promise<void> {
      markStep.run(id, step, at);
    },
    /** A step that must be done again (the archive farewell after a reopen). */
    async clearStep(id: number, step: string): Promise<void> {
      unmarkStep.run(id, step);
    },
  };
}
