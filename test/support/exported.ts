import { findSeverity, type Policy } from '../../src/config/policy';
import type { Incident } from '../../src/incidents/incident.types';

/**
 * What `npm run export -- <n> --format json` writes (src/cli/export.ts), read back, and the figures
 * the insights and the weekly digest show, worked out again from it alone: the tests compare the two.
 */
export interface Exported {
  incident: Omit<Incident, 'declaredAt' | 'resolvedAt'> & { declaredAt: string; resolvedAt: string | null };
  keyTimes: { timeToAcknowledge: number | null; timeToMitigate: number | null; timeToResolve: number | null };
  severityChanges: Array<{ at: string; from: string; to: string }>;
  statusUpdates: Array<{ postedAt: number }>;
  followups: Array<{ text: string; ownerId: string | null; dueAt: number | null; doneAt: number | null }>;
  timeline: Array<{ kind: string; at: number; data: Record<string, unknown> }>;
}

export const medianOf = (v: readonly number[]): number | null => {
  if (v.length === 0) return null;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Of the incidents' updates whose severity (the one in force when posted) asks for them, how many
 * there were and how many were posted by the time they were due (`updateEvery` after the one before).
 */
export function updatesOnTime(xs: readonly Exported[], policy: Policy): { updates: number; onTime: number } {
  let updates = 0;
  let onTime = 0;
  for (const x of xs) {
    let previous = Date.parse(x.incident.declaredAt);
    for (const u of [...x.statusUpdates].sort((a, b) => a.postedAt - b.postedAt)) {
      let severity = x.severityChanges[0]?.from ?? x.incident.severity;
      for (const c of x.severityChanges) if (Date.parse(c.at) <= u.postedAt) severity = c.to;
      const every = findSeverity(policy, severity)?.updateEvery ?? null;
      if (every !== null) {
        updates++;
        if (u.postedAt <= previous + every) onTime++;
      }
      previous = u.postedAt;
    }
  }
  return { updates, onTime };
}
