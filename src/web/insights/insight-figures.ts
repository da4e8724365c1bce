import type { Policy } from '../../config/policy';
import { DRILL } from '../../incidents/incident-types';
import type { KeyTime } from '../../incidents/key-times';
import type { Repositories } from '../../store';
import type { TimelineEvent } from '../../timeline/timeline.types';
import { type IncidentFacts, type IncidentFigures, incidentFigures } from './incident-figures';
import type { Incident } from '../../incidents/incident.types';

const byIncident = <R extends { incident_id: number }>(rows: readonly R[]) => {
  const map = new Map<number, R[]>();
  for (const row of rows) map.set(row.incident_id, [...(map.get(row.incident_id) ?? []), row]);
  return map;
};

/**
 * Each incident declared in [from, to) that the reader may see (`visible`), drills left out, with
 * its figures: read in seven statements for the whole range, worked out here. Recipients' zones are
 * theirs as Slack last gave them (the people store), else the policy's.
 */
export async function insightFigures(
  { store, policy }: { store: Repositories<'console' | 'people'>; policy: Policy },
  range: { from: number; to: number },
  visible: (incidents: Incident[]) => Promise<Incident[]>,
  now: number,
): Promise<IncidentFigures[]> {
  const facts = await store.console.insightFacts(range.from, range.to, DRILL);
  const updates = byIncident(facts.updates);
  const corrections = byIncident(facts.corrections);
  const entries = byIncident(facts.entries);
  const followups = byIncident(facts.followups);
  const firstActions = new Map(facts.firstActions.map((r) => [r.incident_id, r.first]));
  // Each recipient's own clock, as Slack last gave it (people-directory.ts); the policy's for anyone else.
  const zones = await store.people.zones();
  const zoneOf = (userId: string) => zones.get(userId) ?? policy.timezone;
  return (await visible(facts.incidents)).map((incident) => {
    const id = incident.id;
    const one: IncidentFacts = {
      incident,
      updates: (updates.get(id) ?? []).map((u) => ({ status: u.status, postedAt: u.posted_at })),
      corrections: Object.fromEntries((corrections.get(id) ?? []).map((c) => [c.key, c.at])) as Partial<
        Record<KeyTime, number>
      >,
      firstCommanderActionAt: firstActions.get(id) ?? null,
      entries: (entries.get(id) ?? []).map(
        (t) =>
          ({ kind: t.kind, at: t.at, data: t.data === null ? {} : JSON.parse(t.data) }) as TimelineEvent & {
            at: number;
          },
      ),
      followups: (followups.get(id) ?? []).map((f) => ({ dueAt: f.due_at, doneAt: f.done_at })),
    };
    return incidentFigures(one, policy, now, zoneOf);
  });
}
