import type { Incident } from '../incidents/incident.types';
import type { Rotation } from '../oncall/rotation';
import type { ReminderState } from '../reminders/reminder.types';
import type { Store } from '../store';
import type { Handoff } from '../store/handoffs.repository';
import type { Followup } from '../timeline/timeline.types';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/**
 * What the incoming primary is told at a hand-off, as data (runbook 001's hand-off document):
 * ongoing issues, the incidents of the shift that ended, follow-ups overdue or due this week, and
 * the overrides in the coming shift. Words are made by the chat side.
 */
export interface Briefing {
  handoffId: number;
  rotation: string;
  timezone: string;
  at: number;
  outgoing: string | null;
  incoming: string;
  ongoing: Array<{ incident: Incident; nextUpdateDue: number | null }>;
  lastShift: Array<{ incident: Incident; duration: number | null; postmortemDue: number | null }>;
  followups: Array<{ followup: Followup; incident: Incident; overdue: boolean }>;
  overrides: Array<{ user: string; from: number; to: number }>;
  /** Status-page maintenance windows scheduled or under way in the coming shift. */
  maintenance: Array<{ title: string; startsAt: number; endsAt: number }>;
  /** Alerts received during the shift that ended, and how many declared an incident or were dropped. */
  alerts: { received: number; declared: number; dropped: number };
  /** What the outgoing primary wrote for the incoming one, as typed; null: nothing. */
  notes: string | null;
}

/** The earliest open postmortem step's due time; null when none is open. */
const firstOpen = (steps: ReadonlyArray<{ dueAt: number; doneAt: number | null }>): number | null => {
  const open = steps.filter((s) => s.doneAt === null).map((s) => s.dueAt);
  return open.length > 0 ? Math.min(...open) : null;
};

/**
 * The briefing for a hand-off, read from the store at `now`. Private incidents are left out: the
 * briefing goes to a channel and to a person who may not be among their members.
 */
export async function buildBriefing(
  tx: Pick<Store, 'incidents' | 'reminders' | 'postmortemSteps' | 'handoffs' | 'statusPage'>,
  handoff: Handoff,
  rotation: Pick<Rotation, 'timezone' | 'overrides' | 'lengthDays'>,
  now: number,
): Promise<Briefing> {
  // Oldest first.
  const recent = (await tx.incidents.listRecent(handoff.since))
    .filter((i) => !i.isPrivate)
    .sort((a, b) => a.declaredAt - b.declaredAt || a.id - b.id);
  const ongoing = recent.filter((i) => i.resolvedAt === null);
  const reminders =
    ongoing.length > 0 ? await tx.reminders.getMany(ongoing.map((i) => i.id)) : new Map<number, ReminderState>();
  const lastShift = recent.filter((i) => i.declaredAt >= handoff.since && i.declaredAt < handoff.at);
  const steps = await Promise.all(lastShift.map((i) => tx.postmortemSteps.of(i.id)));
  const followups = await tx.handoffs.followupsDueBefore(now + WEEK);
  const ids = [...new Set(followups.map((f) => f.incidentId))];
  const byId = ids.length > 0 ? await tx.incidents.getMany(ids) : new Map<number, Incident>();
  const shiftEnd = handoff.at + rotation.lengthDays * DAY;
  const windows = (await tx.statusPage.maintenancesSince(handoff.at)).filter(
    (m) => (m.state === 'scheduled' || m.state === 'in_progress') && m.startsAt < shiftEnd && m.endsAt > handoff.at,
  );
  const outcomes = await tx.handoffs.alertOutcomes(handoff.since, handoff.at);
  const counted = (outcome: string) => Number(outcomes.find((o) => o.outcome === outcome)?.count ?? 0);
  return {
    handoffId: handoff.id,
    rotation: handoff.rotation,
    timezone: rotation.timezone,
    at: handoff.at,
    outgoing: handoff.outgoing,
    incoming: handoff.incoming,
    ongoing: ongoing.map((incident) => ({ incident, nextUpdateDue: reminders.get(incident.id)?.dueAt ?? null })),
    lastShift: lastShift.map((incident, i) => ({
      incident,
      duration: incident.resolvedAt === null ? null : incident.resolvedAt - incident.declaredAt,
      postmortemDue: incident.resolvedAt === null ? null : firstOpen(steps[i] ?? []),
    })),
    followups: followups.flatMap((followup) => {
      const incident = byId.get(followup.incidentId);
      if (!incident || incident.isPrivate) return [];
      return [{ followup, incident, overdue: (followup.dueAt ?? 0) < now }];
    }),
    overrides: rotation.overrides.filter((o) => o.to > handoff.at && o.from < shiftEnd),
    maintenance: windows.map((m) => ({ title: m.title, startsAt: m.startsAt, endsAt: m.endsAt })),
    alerts: {
      received: outcomes.reduce((sum, o) => sum + Number(o.count), 0),
      declared: counted('declared'),
      dropped: counted('dropped'),
    },
    notes: handoff.notes ?? null,
  };
}
