import type { Incident } from '../../incidents/incident.types';
import {
  COLUMNS,
  type IncidentChanges,
  type IncidentRow,
  type IncidentsRepository,
  type NewIncident,
  toIncident,
} from '../incidents.repository';
import { all, one, type Queryable } from './pool';

/** The incidents repository on PostgreSQL: the SQLite one's queries, in PostgreSQL's forms. */
export function createPgIncidentsRepository(q: Queryable): IncidentsRepository {
  const byId = async (id: number) =>
    toIncident((await one<IncidentRow>(q, 'SELECT * FROM incidents WHERE id = $1', [id])) as IncidentRow);
  const ids = async (sql: string, params: unknown[]) => (await all<{ id: number }>(q, sql, params)).map((r) => r.id);
  return {
    /** Insert-or-nothing, so two replicas declaring with the same key make one incident. */
    async insertOnce(incident: NewIncident): Promise<{ incident: Incident; created: boolean }> {
      const stored = await one<IncidentRow>(q, 'SELECT * FROM incidents WHERE declare_key = $1', [incident.declareKey]);
      if (stored) return { incident: toIncident(stored), created: false };
      // The number is the next after the highest, not the identity's sequence: a transaction run
      // again (SERIALIZABLE, index.ts) or rolled back would leave a gap in a sequence that people
      // would see between incident numbers. Two declarations at once both reading the highest
      // number collide on the key, and one is run again (as a serialization failure).
      const inserted = await one<IncidentRow>(
        q,
        `INSERT INTO incidents (id, declare_key, title, severity, status, impact, commander_id, declared_by, declared_at, source_view_id, is_private)
         VALUES ((SELECT COALESCE(max(id), 0) + 1 FROM incidents), $1, $2, $3, 'investigating', $4, $5, $6, $7, $8, $9)
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
        ],
      ).catch((error: unknown) => {
        if ((error as { code?: unknown; constraint?: unknown }).constraint === 'incidents_pkey')
          throw Object.assign(new Error('incident number taken by a declaration at the same time'), {
            code: '40001',
            cause: error,
          });
        throw error;
      });
      if (inserted) return { incident: toIncident(inserted), created: true };
      const existing = await one<IncidentRow>(q, 'SELECT * FROM incidents WHERE declare_key = $1', [
        incident.declareKey,
      ]);
      return { incident: toIncident(existing as IncidentRow), created: false };
    },
    async get(id: number) {
      const row = await one<IncidentRow>(q, 'SELECT * FROM incidents WHERE id = $1', [id]);
      return row && toIncident(row);
    },
    async findByChannel(channelId: string) {
      const row = await one<IncidentRow>(q, 'SELECT * FROM incidents WHERE channel_id = $1', [channelId]);
      return row && toIncident(row);
    },
    async listOpen(limit = 100) {
      return (
        await all<IncidentRow>(q, 'SELECT * FROM incidents WHERE resolved_at IS NULL ORDER BY id DESC LIMIT $1', [
          limit,
        ])
      ).map(toIncident);
    },
    async listRecent(since: number, limit = 500) {
      const rows = await all<IncidentRow>(
        q,
        'SELECT * FROM incidents WHERE resolved_at IS NULL OR declared_at >= $1 OR resolved_at >= $1 ORDER BY declared_at DESC, id DESC LIMIT $2',
        [since, limit],
      );
      return rows.map(toIncident);
    },
    async archiveDueIds(now: number, limit: number) {
      return ids(
        'SELECT id FROM incidents WHERE archive_due_at IS NOT NULL AND archive_due_at <= $1 ORDER BY archive_due_at LIMIT $2',
        [now, limit],
      );
    },
    async listSetupPending() {
      return (await all<IncidentRow>(q, 'SELECT * FROM incidents WHERE setup_done_at IS NULL ORDER BY id')).map(
        toIncident,
      );
    },
    async update(id: number, changes: IncidentChanges) {
      const keys = (Object.keys(changes) as (keyof IncidentChanges)[]).filter((k) => changes[k] !== undefined);
      if (keys.length > 0) {
        const values = keys.map((k) => (k === 'roles' ? JSON.stringify(changes.roles) : changes[k]));
        const set = keys.map((k, i) => `${COLUMNS[k]} = $${i + 2}`).join(', ');
        await q.query(`UPDATE incidents SET ${set} WHERE id = $1`, [id, ...values]);
      }
      return byId(id);
    },
    async countFailedSetup(id: number) {
      const row = await one<{ setup_attempts: number }>(
        q,
        'UPDATE incidents SET setup_attempts = setup_attempts + 1, setup_retry_at = NULL WHERE id = $1 RETURNING setup_attempts',
        [id],
      );
      return row?.setup_attempts as number;
    },
    async planSetupRetry(id: number, at: number | null) {
      await q.query('UPDATE incidents SET setup_retry_at = $1 WHERE id = $2', [at, id]);
    },
    async failedSetupAttempts(id: number) {
      return (
        (await one<{ setup_attempts: number }>(q, 'SELECT setup_attempts FROM incidents WHERE id = $1', [id]))
          ?.setup_attempts ?? 0
      );
    },
    async setupRetryDueIds(now: number, limit: number) {
      return ids(
        'SELECT id FROM incidents WHERE setup_retry_at IS NOT NULL AND setup_retry_at <= $1 AND setup_done_at IS NULL ORDER BY setup_retry_at LIMIT $2',
        [now, limit],
      );
    },
    async stepsDone(id: number) {
      return new Set(
        (await all<{ step: string }>(q, 'SELECT step FROM incident_steps WHERE incident_id = $1', [id])).map(
          (r) => r.step,
        ),
      );
    },
    async markStepDone(id: number, step: string, at: number) {
      await q.query(
        'INSERT INTO incident_steps (incident_id, step, done_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [id, step, at],
      );
    },
    async clearStep(id: number, step: string) {
      await q.query('DELETE FROM incident_steps WHERE incident_id = $1 AND step = $2', [id, step]);
    },
  };
}
