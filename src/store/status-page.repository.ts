import type {
  AffectedComponent,
  ComponentStatus,
  Impact,
  Maintenance,
  MaintenanceState,
  MessageRef,
  PublicIncident,
  PublicStatus,
  Publication,
  StatusChange,
} from '../statuspage/statuspage.types';
import type { Sql } from './sql';

interface IncidentRow {
  public_id: string;
  name: string;
  status: string;
  impact: string;
  drill: boolean | number;
  created_at: number;
  updated_at: number;
  monitoring_at: number | null;
  resolved_at: number | null;
}
const toIncident = (r: IncidentRow): PublicIncident => ({
  publicId: r.public_id,
  name: r.name,
  status: r.status as PublicStatus,
  impact: r.impact as Impact,
  drill: Boolean(r.drill),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  monitoringAt: r.monitoring_at,
  resolvedAt: r.resolved_at,
});
const INCIDENT_COLUMNS = 'public_id, name, status, impact, drill, created_at, updated_at, monitoring_at, resolved_at';

interface PublicationRow {
  public_id: string;
  incident_public_id: string;
  status: string;
  body: string;
  affected: string;
  at: number;
}
const toPublication = (r: PublicationRow): Publication => ({
  publicId: r.public_id,
  incidentPublicId: r.incident_public_id,
  status: r.status as PublicStatus,
  body: r.body,
  affected: JSON.parse(r.affected) as AffectedComponent[],
  at: r.at,
});

interface MaintenanceRow {
  id: number;
  public_id: string;
  title: string;
  message: string;
  components: string;
  starts_at: number;
  ends_at: number;
  state: string;
  created_at: number;
  updated_at: number;
  next_at: number | null;
  created_by: string | null;
  closed_by: string | null;
  told: string | null;
  notice_channel: string | null;
  notice_ts: string | null;
}
const toMaintenance = (r: MaintenanceRow): Maintenance => ({
  id: r.id,
  publicId: r.public_id,
  title: r.title,
  message: r.message,
  components: JSON.parse(r.components) as string[],
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  state: r.state as MaintenanceState,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  nextAt: r.next_at,
  createdBy: r.created_by,
  closedBy: r.closed_by,
  told: r.told as MaintenanceState | null,
  notice: r.notice_channel !== null && r.notice_ts !== null ? { channel: r.notice_channel, ts: r.notice_ts } : null,
});
const MAINTENANCE_COLUMNS =
  'id, public_id, title, message, components, starts_at, ends_at, state, created_at, updated_at, next_at, created_by, closed_by, told, notice_channel, notice_ts';

export type StatusPageRepository = ReturnType<typeof createStatusPageRepository>;

/**
 * The public status page (migration 0018): what was published, maintenance windows, and each
 * component's status history. The internal incident number is a key here and never leaves it.
 */
export function createStatusPageRepository(q: Sql) {
  return {
    async incidentOf(incidentId: number): Promise<PublicIncident | undefined> {
      const row = await q.one<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM status_incidents WHERE incident_id = $1`, [
        incidentId,
      ]);
      return row && toIncident(row);
    },
    async addIncident(incidentId: number, i: PublicIncident): Promise<void> {
      await q.run(
        `INSERT INTO status_incidents (incident_id, ${INCIDENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          incidentId,
          i.publicId,
          i.name,
          i.status,
          i.impact,
          i.drill,
          i.createdAt,
          i.updatedAt,
          i.monitoringAt,
          i.resolvedAt,
        ],
      );
    },
    async updateIncident(i: PublicIncident): Promise<void> {
      await q.run(
        'UPDATE status_incidents SET name = $2, status = $3, impact = $4, updated_at = $5, monitoring_at = $6, resolved_at = $7 WHERE public_id = $1',
        [i.publicId, i.name, i.status, i.impact, i.updatedAt, i.monitoringAt, i.resolvedAt],
      );
    },
    /** Incidents still open, and those resolved at or after `since`, newest first. */
    async incidentsSince(since: number): Promise<PublicIncident[]> {
      const rows = await q.all<IncidentRow>(
        `SELECT ${INCIDENT_COLUMNS} FROM status_incidents WHERE resolved_at IS NULL OR resolved_at >= $1 ORDER BY created_at DESC, incident_id DESC`,
        [since],
      );
      return rows.map(toIncident);
    },
    async addPublication(p: Publication): Promise<void> {
      await q.run(
        'INSERT INTO status_publications (public_id, incident_public_id, status, body, affected, at) VALUES ($1, $2, $3, $4, $5, $6)',
        [p.publicId, p.incidentPublicId, p.status, p.body, JSON.stringify(p.affected), p.at],
      );
    },
    /** The publications of incidents open or resolved at or after `since`, oldest first. */
    async publicationsSince(since: number): Promise<Publication[]> {
      const rows = await q.all<PublicationRow>(
        'SELECT p.public_id, p.incident_public_id, p.status, p.body, p.affected, p.at FROM status_publications p JOIN status_incidents i ON i.public_id = p.incident_public_id WHERE i.resolved_at IS NULL OR i.resolved_at >= $1 ORDER BY p.at, p.id',
        [since],
      );
      return rows.map(toPublication);
    },

    /** A new window, told nothing yet. */
    async addMaintenance(
      m: Omit<Maintenance, 'id' | 'closedBy' | 'told' | 'notice' | 'createdBy'> & {
        createdBy?: string | null;
        /** The form that made it, if any: one window per form. */
        key?: string | null;
      },
    ): Promise<Maintenance> {
      const row = await q.one<MaintenanceRow>(
        `INSERT INTO status_maintenances (public_id, title, message, components, starts_at, ends_at, state, created_at, updated_at, next_at, created_by, form_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${MAINTENANCE_COLUMNS}`,
        [
          m.publicId,
          m.title,
          m.message,
          JSON.stringify(m.components),
          m.startsAt,
          m.endsAt,
          m.state,
          m.createdAt,
          m.updatedAt,
          m.nextAt,
          m.createdBy ?? null,
          m.key ?? null,
        ],
      );
      return toMaintenance(row as MaintenanceRow);
    },
    async maintenance(id: number): Promise<Maintenance | undefined> {
      const row = await q.one<MaintenanceRow>(`SELECT ${MAINTENANCE_COLUMNS} FROM status_maintenances WHERE id = $1`, [
        id,
      ]);
      return row && toMaintenance(row);
    },
    async maintenanceByPublicId(publicId: string): Promise<Maintenance | undefined> {
      const row = await q.one<MaintenanceRow>(
        `SELECT ${MAINTENANCE_COLUMNS} FROM status_maintenances WHERE public_id = $1`,
        [publicId],
      );
      return row && toMaintenance(row);
    },
    async maintenanceByKey(key: string): Promise<Maintenance | undefined> {
      const row = await q.one<MaintenanceRow>(
        `SELECT ${MAINTENANCE_COLUMNS} FROM status_maintenances WHERE form_key = $1`,
        [key],
      );
      return row && toMaintenance(row);
    },
    async updateMaintenance(id: number, state: MaintenanceState, at: number, nextAt: number | null): Promise<void> {
      await q.run('UPDATE status_maintenances SET state = $2, updated_at = $3, next_at = $4 WHERE id = $1', [
        id,
        state,
        at,
        nextAt,
      ]);
    },
    /** Cancelled or ended early by `by`: due at once, so that the change is told. */
    async closeMaintenance(id: number, state: MaintenanceState, at: number, by: string): Promise<void> {
      await q.run(
        'UPDATE status_maintenances SET state = $2, updated_at = $3, next_at = $3, closed_by = $4 WHERE id = $1',
        [id, state, at, by],
      );
    },
    /** `told` was announced in chat (its confirmation `notice`, once posted); next due at `nextAt`. */
    async toldMaintenance(id: number, told: MaintenanceState, nextAt: number | null, notice: MessageRef | null) {
      await q.run(
        'UPDATE status_maintenances SET told = $2, next_at = $3, notice_channel = COALESCE($4, notice_channel), notice_ts = COALESCE($5, notice_ts) WHERE id = $1',
        [id, told, nextAt, notice?.channel ?? null, notice?.ts ?? null],
      );
    },
    /** Windows not over, and those that ended (or were cancelled) at or after `since`, by start. */
    async maintenancesSince(since: number): Promise<Maintenance[]> {
      const rows = await q.all<MaintenanceRow>(
        `SELECT ${MAINTENANCE_COLUMNS} FROM status_maintenances WHERE state IN ('scheduled', 'in_progress') OR updated_at >= $1 ORDER BY starts_at, id`,
        [since],
      );
      return rows.map(toMaintenance);
    },

    /** Components the page has not known before start existing at `at` (days before: no data). */
    async addComponents(ids: readonly string[], at: number): Promise<void> {
      for (const id of ids)
        await q.run('INSERT INTO status_components (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, at]);
    },
    async components(): Promise<Array<{ id: string; createdAt: number }>> {
      const rows = await q.all<{ id: string; created_at: number }>('SELECT id, created_at FROM status_components');
      return rows.map((r) => ({ id: r.id, createdAt: r.created_at }));
    },

    /** What `source` (an incident's publications, a maintenance window) says of a component; operational clears it. */
    async claim(componentId: string, source: string, status: ComponentStatus): Promise<void> {
      if (status === 'operational') {
        await q.run('DELETE FROM status_component_claims WHERE component_id = $1 AND source = $2', [
          componentId,
          source,
        ]);
        return;
      }
      await q.run(
        'INSERT INTO status_component_claims (component_id, source, status) VALUES ($1, $2, $3) ON CONFLICT (component_id, source) DO UPDATE SET status = excluded.status',
        [componentId, source, status],
      );
    },
    async claimsOn(componentId: string): Promise<ComponentStatus[]> {
      const rows = await q.all<{ status: string }>(
        'SELECT status FROM status_component_claims WHERE component_id = $1',
        [componentId],
      );
      return rows.map((r) => r.status as ComponentStatus);
    },
    async claimsOf(source: string): Promise<Array<{ componentId: string; status: ComponentStatus }>> {
      const rows = await q.all<{ component_id: string; status: string }>(
        'SELECT component_id, status FROM status_component_claims WHERE source = $1 ORDER BY component_id',
        [source],
      );
      return rows.map((r) => ({ componentId: r.component_id, status: r.status as ComponentStatus }));
    },

    async recordStatus(change: StatusChange): Promise<void> {
      await q.run('INSERT INTO status_component_history (component_id, status, at) VALUES ($1, $2, $3)', [
        change.componentId,
        change.status,
        change.at,
      ]);
    },
    /** Each component's last status, by component id (none recorded: operational). */
    async currentStatuses(): Promise<Map<string, ComponentStatus>> {
      const rows = await q.all<{ component_id: string; status: string }>(
        'SELECT component_id, status FROM status_component_history WHERE id IN (SELECT MAX(id) FROM status_component_history GROUP BY component_id)',
      );
      return new Map(rows.map((r) => [r.component_id, r.status as ComponentStatus]));
    },
    /** The changes from `since` on, with each component's last change before it, oldest first. */
    async historySince(since: number): Promise<StatusChange[]> {
      const rows = await q.all<{ component_id: string; status: string; at: number }>(
        'SELECT component_id, status, at FROM status_component_history WHERE at >= $1 OR id IN (SELECT MAX(id) FROM status_component_history WHERE at < $1 GROUP BY component_id) ORDER BY at, id',
        [since],
      );
      return rows.map((r) => ({ componentId: r.component_id, status: r.status as ComponentStatus, at: r.at }));
    },

    /** Marks the page changed; replicas compare `version()` to know to rebuild theirs. */
    async bumpVersion(): Promise<void> {
      await q.run(
        'INSERT INTO status_page_version (id, version) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET version = status_page_version.version + 1',
      );
    },
    async version(): Promise<number> {
      return (await q.one<{ version: number }>('SELECT version FROM status_page_version WHERE id = 1'))?.version ?? 0;
    },
  };
}
