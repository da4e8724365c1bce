import type { Incident, StatusUpdate } from '../incidents/incident.types';

export interface KeyTimes {
  declaredAt: number;
  firstUpdateAt: number | null;
  /** When a fix was in place: the first Monitoring update, else the resolution. */
  mitigatedAt: number | null;
  resolvedAt: number | null;
  timeToFirstUpdate: number | null;
  timeToMitigate: number | null;
  timeToResolve: number | null;
}

export function keyTimes(incident: Incident, updates: StatusUpdate[]): KeyTimes {
  const ordered = [...updates].sort((a, b) => a.postedAt - b.postedAt);
  const firstUpdateAt = ordered[0]?.postedAt ?? null;
  const mitigatedAt = ordered.find((u) => u.status === 'monitoring')?.postedAt ?? incident.resolvedAt;
  const since = (t: number | null) => (t === null ? null : t - incident.declaredAt);
  return {
    declaredAt: incident.declaredAt,
    firstUpdateAt,
    mitigatedAt,
    resolvedAt: incident.resolvedAt,
    timeToFirstUpdate: since(firstUpdateAt),
    timeToMitigate: since(mitigatedAt),
    timeToResolve: since(incident.resolvedAt),
  };
}
