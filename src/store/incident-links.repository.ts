import { type LinkKind, REVERSE_LINK } from '../incidents/link-kinds';
import type { Sql } from './sql';

export interface IncidentLink {
  incidentId: number;
  otherId: number;
  kind: LinkKind;
  linkedAt: number;
  linkedBy: string | null;
}

export type IncidentLinksRepository = ReturnType<typeof createIncidentLinksRepository>;

/** Links between incidents (migration 0026), one row per direction. */
export function createIncidentLinksRepository(q: Sql) {
  return {
    /** Both directions of the link, or changes its kind; false when it was already so. */
    async link(link: IncidentLink): Promise<boolean> {
      const changed = await q.run(
        `INSERT INTO incident_links (incident_id, other_id, kind, linked_at, linked_by) VALUES ($1, $2, $3, $5, $6), ($2, $1, $4, $5, $6)
         ON CONFLICT (incident_id, other_id) DO UPDATE SET kind = excluded.kind, linked_at = excluded.linked_at, linked_by = excluded.linked_by
         WHERE incident_links.kind <> excluded.kind`,
        [link.incidentId, link.otherId, link.kind, REVERSE_LINK[link.kind], link.linkedAt, link.linkedBy],
      );
      return changed > 0;
    },
    /** The incident's links, oldest first. */
    async of(incidentId: number): Promise<IncidentLink[]> {
      const rows = await q.all<{
        incident_id: number;
        other_id: number;
        kind: LinkKind;
        linked_at: number;
        linked_by: string | null;
      }>('SELECT * FROM incident_links WHERE incident_id = $1 ORDER BY linked_at, other_id', [incidentId]);
      return rows.map((r) => ({
        incidentId: r.incident_id,
        otherId: r.other_id,
        kind: r.kind,
        linkedAt: r.linked_at,
        linkedBy: r.linked_by,
      }));
    },
  };
}
