import type { Repositories } from '../store';
import { IncidentError } from './incidents.errors';
import type { Incident } from './incident.types';

/** The incident, or the user-facing error every command gives for a number that does not exist. */
export async function requireIncident(store: Repositories<'incidents'>, id: number): Promise<Incident> {
  const incident = await store.incidents.get(id);
  if (!incident) throw new IncidentError('incident_not_found', `Incident #${id} does not exist.`);
  return incident;
}

/** The incident if it is still open; changes to a resolved one are refused the same way everywhere. */
export async function requireOpenIncident(store: Repositories<'incidents'>, id: number): Promise<Incident> {
  const incident = await requireIncident(store, id);
  if (incident.resolvedAt !== null) throw resolvedError(incident.id);
  return incident;
}

export const resolvedError = (id: number): IncidentError =>
  new IncidentError('incident_resolved', `Incident #${id} is already resolved.`);
