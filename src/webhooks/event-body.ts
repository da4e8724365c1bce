import type { Incident } from '../incidents/incident.types';
import type { NewTimelineEntry } from '../timeline/timeline.types';
import type { EventType } from './event-types';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What a receiver may know of an incident: no message timestamps, form ids or internal steps. */
export function publicIncident(incident: Incident, services: ReadonlyArray<{ id: string; name: string }> = []) {
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    impact: incident.impact,
    commanderId: incident.commanderId,
    roles: incident.roles,
    private: incident.isPrivate,
    type: incident.type,
    declaredBy: incident.declaredBy,
    declaredAt: iso(incident.declaredAt),
    lastUpdateAt: iso(incident.lastUpdateAt),
    resolvedAt: iso(incident.resolvedAt),
    resolution: incident.resolution,
    rootCause: incident.rootCause,
    channelId: incident.channelId,
    channelName: incident.channelName,
    /** The affected services (catalog ids and names), in the order they were added. */
    services: services.map((s) => ({ id: s.id, name: s.name })),
  };
}

/**
 * The event a timeline entry is, with what changed; undefined for entries no receiver hears of
 * (notes, reminders, alerts). Every change Commander reports is recorded as an entry in the same
 * transaction, so this is the one place events come from.
 */
export function eventOf(entry: NewTimelineEntry): { type: EventType; change: Record<string, unknown> } | undefined {
  switch (entry.kind) {
    case 'declared': {
      const { title, severity, commanderId, impact } = entry.data;
      return { type: 'incident.declared', change: { title, severity, commanderId, impact } };
    }
    case 'status_update': {
      const { from, to, summary, impact, nextSteps } = entry.data;
      return { type: 'incident.updated', change: { from, to, summary, impact, nextSteps } };
    }
    case 'severity_changed':
      return { type: 'incident.severity_changed', change: { ...entry.data } };
    case 'role_assigned':
      return { type: 'incident.role_assigned', change: { ...entry.data } };
    case 'resolved':
      return { type: 'incident.resolved', change: { ...entry.data } };
    case 'reopened':
      return {
        type: 'incident.reopened',
        change: { reason: entry.data.reason, previouslyResolvedAt: iso(entry.data.resolvedAt) },
      };
    case 'followup_added':
      return { type: 'followup.added', change: { ...entry.data } };
    case 'followup_done':
      return { type: 'followup.done', change: { ...entry.data } };
    case 'postmortem_uploaded':
      return { type: 'postmortem.uploaded', change: { ...entry.data } };
    case 'statuspage_published':
      return { type: 'statuspage.published', change: { ...entry.data } };
    default:
      return undefined;
  }
}

/** The JSON body of one event: fixed when the change is made, so every retry sends the same bytes. */
export function eventBody(o: {
  id: string;
  type: EventType;
  entry: NewTimelineEntry;
  incident: Incident;
  services?: ReadonlyArray<{ id: string; name: string }>;
  change: Record<string, unknown>;
}): string {
  return JSON.stringify({
    id: o.id,
    type: o.type,
    occurredAt: new Date(o.entry.at).toISOString(),
    actorId: o.entry.actorId,
    incident: publicIncident(o.incident, o.services),
    change: o.change,
  });
}
