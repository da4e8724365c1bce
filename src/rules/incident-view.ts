import type { Service } from '../catalog/catalog.types';
import type { Incident } from '../incidents/incident.types';
import type { IncidentView } from './decide';

/** An incident as rules see it, with its affected services named as the catalog has them. */
export function viewOf(incident: Incident, serviceIds: readonly string[], catalog: readonly Service[]): IncidentView {
  return {
    number: incident.id,
    title: incident.title,
    severity: incident.severity,
    services: serviceIds.map((id) => ({ id, name: catalog.find((s) => s.id === id)?.name ?? id })),
    type: incident.type,
    isPrivate: incident.isPrivate,
    channelId: incident.channelId,
    channelName: incident.channelName,
    commanderId: incident.commanderId,
    roles: { ...incident.roles, commander: incident.commanderId },
  };
}
