import { createArchiving } from './archive';
import { createChanges } from './changes';
import { createDeclare } from './declare';
import { IncidentError } from './incidents.errors';
import type { IncidentsDeps } from './incidents.deps';
import type { Incident } from './incident.types';
import { type Access, accessOf, type AccessNeed, requireAccess } from './permissions';
import { createStatus } from './status';

export type IncidentsService = ReturnType<typeof createIncidentsService>;

const notAnIncidentChannel = () =>
  new IncidentError('incident_not_found', 'This is not an incident channel. Run this command in the channel of the incident.');

export function createIncidentsService(deps: IncidentsDeps) {
  const { store, policy, conversation } = deps;
  return {
    ...createDeclare(deps),
    ...createStatus(deps),
    ...createChanges(deps),
    ...createArchiving(deps),
    get(id: number): Incident | undefined {
      return store.incidents.get(id);
    },
    findByChannel(channelId: string): Incident | undefined {
      return store.incidents.findByChannel(channelId);
    },
    /** The incident whose channel this is, or a user-facing error saying where to run the command. */
    requireByChannel(channelId: string): Incident {
      const incident = store.incidents.findByChannel(channelId);
      if (!incident) throw notAnIncidentChannel();
      return incident;
    },
    access(incident: Incident, userId: string): Promise<Access> {
      return accessOf(incident, userId, policy, conversation.isMember);
    },
    /** The incident (by number, or as read) if the person may do what they ask; else the refusal. */
    requireAccess(incident: number | Incident | undefined, userId: string, o: AccessNeed): Promise<Incident> {
      const found = typeof incident === 'number' ? store.incidents.get(incident) : incident;
      return requireAccess(found, userId, o, policy, conversation.isMember);
    },
    /**
     * The incident of the channel a command came from. The channel id arrives over the wire, so
     * it is checked like any other: to someone who may not see it, a private incident's channel
     * is answered as any other channel is.
     */
    requireInChannel(channelId: string, userId: string, o: Omit<AccessNeed, 'hidden'>): Promise<Incident> {
      return requireAccess(store.incidents.findByChannel(channelId), userId, { ...o, hidden: notAnIncidentChannel }, policy, conversation.isMember);
    },
  };
}
