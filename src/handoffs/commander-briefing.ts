import type { NextEscalation } from '../escalations/escalation.port';
import type { Incident } from '../incidents/incident.types';
import type { Store } from '../store';
import type { Followup, TimelineEntry } from '../timeline/timeline.types';

const HOUR = 3_600_000;
/** Entries read back for "the last hour"; more than a briefing can show. */
const RECENT = 100;

/**
 * What a new commander is told, as data read from the timeline and the incident's clocks: where
 * the incident stands, what changed in the last hour, the open follow-ups, the next escalation and
 * when the next update is due. Words are made by the chat side.
 */
export interface CommanderBriefing {
  briefingId: number;
  incident: Incident;
  commanderId: string;
  at: number;
  lastHour: TimelineEntry[];
  followups: Followup[];
  nextEscalation: NextEscalation | null;
  nextUpdateDue: number | null;
}

export async function buildCommanderBriefing(
  reads: Pick<Store, 'timeline' | 'followups' | 'reminders'>,
  o: {
    briefingId: number;
    incident: Incident;
    now: number;
    nextEscalation: (incidentId: number) => Promise<NextEscalation | null>;
  },
): Promise<CommanderBriefing> {
  const { incident, now } = o;
  const [recent, followups, reminder, nextEscalation] = await Promise.all([
    reads.timeline.recent(incident.id, RECENT),
    reads.followups.list(incident.id),
    reads.reminders.get(incident.id),
    o.nextEscalation(incident.id),
  ]);
  return {
    briefingId: o.briefingId,
    incident,
    commanderId: incident.commanderId,
    at: now,
    lastHour: recent.filter((e) => e.at >= now - HOUR && e.kind !== 'commander_briefed'),
    followups: followups.filter((f) => f.doneAt === null),
    nextEscalation,
    nextUpdateDue: reminder?.dueAt ?? null,
  };
}
