import type { Sql } from './sql';

export type IncidentServicesRepository = ReturnType<typeof createIncidentServicesRepository>;

/** Which catalog services each incident hurts (migration 0016); ids only, the catalog is the policy's. */
export function createIncidentServicesRepository(q: Sql) {
  return {
    /** Adds the service to the incident; false when it was there already (nothing to do twice). */
    async add(incidentId: number, serviceId: string, at: number, by: string | null): Promise<boolean> {
      const added = await q.run(
        'INSERT INTO incident_services (incident_id, service_id, added_at, added_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [incidentId, serviceId, at, by],
      );
      return added === 1;
    },
    /** False when the incident did not have it. */
    async remove(incidentId: number, serviceId: string): Promise<boolean> {
      return (
        (await q.run('DELETE FROM incident_services WHERE incident_id = $1 AND service_id = $2', [
          incidentId,
          serviceId,
        ])) === 1
      );
    },
    /** The incident's services, in the order they were added. */
    async of(incidentId: number): Promise<string[]> {
      const rows = await q.all<{ service_id: string }>(
        'SELECT service_id FROM incident_services WHERE incident_id = $1 ORDER BY added_at, service_id',
        [incidentId],
      );
      return rows.map((r) => r.service_id);
    },
    /**
     * The services of every incident numbered `fromIncidentId` or later, by incident (an incident
     * with none is absent): one read for a list of recent incidents.
     */
    async ofIncidentsFrom(fromIncidentId: number): Promise<Map<number, string[]>> {
      const rows = await q.all<{ incident_id: number; service_id: string }>(
        'SELECT incident_id, service_id FROM incident_services WHERE incident_id >= $1 ORDER BY incident_id, added_at, service_id',
        [fromIncidentId],
      );
      const byIncident = new Map<number, string[]>();
      for (const row of rows)
        byIncident.set(row.incident_id, [...(byIncident.get(row.incident_id) ?? []), row.service_id]);
      return byIncident;
    },
  };
}
