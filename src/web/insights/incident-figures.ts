import type { Policy } from '../../config/policy';
import type { Incident, StatusUpdate } from '../../incidents/incident.types';
import { type KeyTime, keyDurations, keyTimes } from '../../incidents/key-times';
import { POSTMORTEM_STEPS, postmortemRequired, stepDeadlines } from '../../postmortem/requirement';
import type { TimelineEvent } from '../../timeline/timeline.types';
import { updatesOnTime } from './on-time';
import { interruptions } from './out-of-hours';

/** What one incident's figures are worked out from: the same facts the export's JSON holds. */
export interface IncidentFacts {
  incident: Incident;
  updates: ReadonlyArray<Pick<StatusUpdate, 'status' | 'postedAt'>>;
  corrections: Partial<Record<KeyTime, number>>;
  firstCommanderActionAt: number | null;
  /** Its severity changes, DMs sent and postmortem steps done, in time order. */
  entries: ReadonlyArray<TimelineEvent & { at: number }>;
  followups: ReadonlyArray<{ dueAt: number | null; doneAt: number | null }>;
}

/** One incident's part in every insight. */
export interface IncidentFigures {
  incident: Incident;
  toAcknowledge: number | null;
  toMitigate: number | null;
  toResolve: number | null;
  updates: number;
  updatesOnTime: number;
  reminders: number;
  escalations: number;
  followups: number;
  followupsOpen: number;
  followupsOverdue: number;
  /** Resolved and required a postmortem (its deadlines run from the resolution). */
  postmortemRequired: boolean;
  /** Every step of that postmortem marked done by its deadline. */
  postmortemOnTime: boolean;
  dms: number;
  dmsOutOfHours: number;
}

export function incidentFigures(
  facts: IncidentFacts,
  policy: Policy,
  now: number,
  zoneOf: (userId: string) => string,
): IncidentFigures {
  const { incident, entries } = facts;
  const durations = keyDurations(
    keyTimes({
      incident,
      updates: facts.updates,
      firstCommanderActionAt: facts.firstCommanderActionAt,
      corrections: facts.corrections,
    }),
  );
  const changes = entries.flatMap((e) => (e.kind === 'severity_changed' ? [{ at: e.at, ...e.data }] : []));
  const onTime = updatesOnTime(incident, facts.updates, changes, policy);
  const count = (kind: string) => entries.filter((e) => e.kind === kind).length;
  const open = facts.followups.filter((f) => f.doneAt === null);
  const required = incident.resolvedAt !== null && postmortemRequired(policy, incident);
  const dms = interruptions(entries, zoneOf);
  return {
    incident,
    toAcknowledge: durations.toAcknowledge,
    toMitigate: durations.toMitigate,
    toResolve: durations.toResolve,
    updates: onTime.counted,
    updatesOnTime: onTime.onTime,
    reminders: count('reminder_sent'),
    escalations: count('escalated'),
    followups: facts.followups.length,
    followupsOpen: open.length,
    followupsOverdue: open.filter((f) => f.dueAt !== null && f.dueAt < now).length,
    postmortemRequired: required,
    postmortemOnTime: required && stepsOnTime(entries, stepDeadlines(policy, incident.resolvedAt as number)),
    dms: dms.sent,
    dmsOutOfHours: dms.outOfHours,
  };
}

/** Whether each step's first "done" came by its deadline. */
function stepsOnTime(entries: IncidentFacts['entries'], due: Record<string, number>): boolean {
  const done = new Map<string, number>();
  for (const e of entries) if (e.kind === 'postmortem_step_done' && !done.has(e.data.step)) done.set(e.data.step, e.at);
  return POSTMORTEM_STEPS.every((step) => {
    const at = done.get(step);
    return at !== undefined && at <= (due[step] as number);
  });
}
