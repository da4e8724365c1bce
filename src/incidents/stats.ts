import type { Policy } from '../config/policy';
import type { Incident } from './incident.types';
import { countable } from './incident-types';

export const STATS_WINDOW_MS = 30 * 86_400_000;

export interface IncidentStats {
  /** Incidents declared in the window, per severity, in the policy's order (unknown ids last). */
  perSeverity: Array<{ severity: string; count: number }>;
  declared: number;
  resolved: number;
  /** Median time from declaration to resolution of those resolved, or null when none are. */
  medianTimeToResolveMs: number | null;
}

/** The middle value (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Counts and time to resolve for incidents declared in the `windowMs` before `now`; drills are practice and count for nothing. */
export function incidentStats(
  incidents: readonly Incident[],
  policy: Policy,
  now: number,
  windowMs = STATS_WINDOW_MS,
): IncidentStats {
  const recent = countable(incidents).filter((i) => i.declaredAt > now - windowMs && i.declaredAt <= now);
  const counts = new Map<string, number>(policy.severities.map((s) => [s.id, 0]));
  for (const incident of recent) counts.set(incident.severity, (counts.get(incident.severity) ?? 0) + 1);
  const resolved = recent.filter((i) => i.resolvedAt !== null);
  return {
    perSeverity: [...counts].map(([severity, count]) => ({ severity, count })),
    declared: recent.length,
    resolved: resolved.length,
    medianTimeToResolveMs: median(resolved.map((i) => (i.resolvedAt as number) - i.declaredAt)),
  };
}
