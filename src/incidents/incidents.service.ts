import { createArchiving } from './archive';
import { createChanges } from './changes';
import { createDeclare } from './declare';
import { IncidentError } from './incidents.errors';
import type { IncidentsDeps } from './incidents.deps';
import type { Incident } from './incident.types';
import { createStatus } from './status';

export type IncidentsService = ReturnType<typeof createIncidentsService>;

export function createIncidentsService(deps: IncidentsDeps) {
  return {
    ...createDeclare(deps),
    ...createStatus(deps),
    ...createChanges(deps),
    ...createArchiving(deps),
    get(id: number): Incident | undefined {
      return deps.store.incidents.get(id);
    },
    findByChannel(channelId: string): Incident | undefined {
      return deps.store.incidents.findByChannel(channelId);
    },
    /** The incident whose channel this is, or a user-facing error saying where to run the command. */
    requireByChannel(channelId: string): Incident {
      const incident = deps.store.incidents.findByChannel(channelId);
      if (!incident) {
        throw new IncidentError('incident_not_found', 'This is not an incident channel. Run this command in the channel of the incident.');
      }
      return incident;
    },
  };
}
