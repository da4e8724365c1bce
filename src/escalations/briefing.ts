import type { Incident, StatusUpdate } from '../incidents/incident.types';
import type { EntryData } from '../timeline/timeline.types';
import type { Briefing } from './escalation.port';
import type { Contacts, LadderLevel } from './ladder';
import type { EscalationTrigger } from './timer.types';

/** Runbook 001's hand-over for whoever is called in, as of `now`. */
export function briefingOf(
  incident: Incident,
  last: StatusUpdate | undefined,
  level: LadderLevel | null,
  trigger: EscalationTrigger,
  now: number,
  extra: { missed?: number; actorId?: string | null; reason?: string } = {},
): Briefing {
  return {
    level: level && { number: level.number, name: level.name, after: level.after, unless: level.unless },
    trigger,
    missed: extra.missed ?? 0,
    actorId: extra.actorId ?? null,
    reason: extra.reason ?? '',
    lastUpdate: last ? { at: last.postedAt, status: last.status, summary: last.summary } : null,
    sinceLastUpdate: now - (incident.lastUpdateAt ?? incident.declaredAt),
    openFor: now - incident.declaredAt,
  };
}

/**
 * What the timeline keeps of an escalation. `level` stays 'secondary' for the on-call backup, as
 * entries made before ladders have it; otherwise it is the level's name ('person' for a call by name).
 */
export function escalatedData(
  level: LadderLevel | null,
  contacts: Contacts,
  trigger: EscalationTrigger,
  missed: number,
  reason: string,
): EntryData['escalated'] {
  return {
    level: contacts.onCallBackup ? 'secondary' : (level?.name ?? 'person'),
    users: contacts.users,
    usergroup: contacts.usergroup,
    missed,
    ...(level ? { step: level.number, name: level.name } : {}),
    trigger,
    ...(reason ? { reason } : {}),
  };
}
