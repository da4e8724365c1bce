import type { Policy } from '../config/policy';
import type { Incident } from '../incidents/incident.types';
import { isDrill } from '../incidents/incident-types';
import type { Repositories } from '../store';
import type { Followup } from '../timeline/timeline.types';
import { insightFigures } from '../web/insights/insight-figures';
import { median } from '../web/insights/percentiles';

const WEEK = 7 * 86_400_000;
/** The lists are read up to this many rows; the message shows fewer and counts the rest. */
const MAX_ROWS = 200;

/**
 * The week in figures, as data (runbook 002's Monday stand-up): the incidents declared in the week
 * by severity, their median time to resolve and status updates on time, worked out by the same
 * code as the console's insights and the export's durations; the follow-ups overdue and the
 * postmortems due, whenever their incident was. Drills and private incidents are left out: the
 * digest goes to the announcement channel.
 */
export interface WeeklyDigestData {
  digestId: number;
  /** The week: [from, at). */
  from: number;
  at: number;
  timezone: string;
  /** Every severity of the policy in its order (unknown ones after), with the week's count. */
  bySeverity: Array<{ severity: string; count: number }>;
  declared: number;
  /** Incidents of the week with a time to resolve (the export's timeToResolve), and its median. */
  resolved: number;
  medianToResolve: number | null;
  /** Status updates whose severity asks for them, and those posted by the time they were due. */
  updates: { counted: number; onTime: number };
  followupsOverdue: Array<{ followup: Followup; incident: Incident }>;
  /** Required postmortems with a step open and due before the next digest: the earliest such step's deadline. */
  postmortemsDue: Array<{ incident: Incident; dueAt: number }>;
}

const shown = (incident: Incident | undefined): incident is Incident =>
  incident !== undefined && !incident.isPrivate && !isDrill(incident);

export async function buildWeeklyDigest(
  deps: {
    store: Repositories<'console' | 'people' | 'incidents' | 'handoffs' | 'weeklyDigests'>;
    policy: Policy;
  },
  digest: { id: number; at: number; from: number },
): Promise<WeeklyDigestData> {
  const { store, policy } = deps;
  const { at, from } = digest;
  const figures = await insightFigures(
    { store, policy },
    { from, to: at },
    async (incidents) => incidents.filter((i) => !i.isPrivate),
    at,
  );
  const counts = new Map<string, number>(policy.severities.map((s) => [s.id, 0]));
  for (const f of figures) counts.set(f.incident.severity, (counts.get(f.incident.severity) ?? 0) + 1);
  const toResolve = figures.flatMap((f) => (f.toResolve === null ? [] : [f.toResolve]));

  const overdue = await store.handoffs.followupsDueBefore(at, MAX_ROWS);
  const pending = await store.weeklyDigests.postmortemsDueBefore(at + WEEK, MAX_ROWS);
  const ids = [...new Set([...overdue.map((f) => f.incidentId), ...pending.map((p) => p.incidentId)])];
  const incidents = ids.length > 0 ? await store.incidents.getMany(ids) : new Map<number, Incident>();
  return {
    digestId: digest.id,
    from,
    at,
    timezone: policy.timezone,
    bySeverity: [...counts].map(([severity, count]) => ({ severity, count })),
    declared: figures.length,
    resolved: toResolve.length,
    medianToResolve: median(toResolve),
    updates: {
      counted: figures.reduce((n, f) => n + f.updates, 0),
      onTime: figures.reduce((n, f) => n + f.updatesOnTime, 0),
    },
    followupsOverdue: overdue.flatMap((followup) => {
      const incident = incidents.get(followup.incidentId);
      return shown(incident) ? [{ followup, incident }] : [];
    }),
    postmortemsDue: pending.flatMap(({ incidentId, dueAt }) => {
      const incident = incidents.get(incidentId);
      return shown(incident) ? [{ incident, dueAt }] : [];
    }),
  };
}
