import type { Incident, Status, StatusUpdate } from '../incidents/incident.types';

/** A stretch of time the incident spent in one status; the last, while open, runs to `to` = now. */
export interface StatusPhase {
  status: Status;
  from: number;
  to: number;
}

/**
 * The status phases (Investigating → … → Resolved) from the updates that set them, reopenings
 * counting as Investigating again. Resolved is a moment (its phase starts and ends there) unless the
 * incident was reopened: then it lasted until the reopening.
 */
export function statusPhases(
  incident: Incident,
  updates: StatusUpdate[],
  reopenedAt: number[],
  now: number,
): StatusPhase[] {
  const changes = [
    { at: incident.declaredAt, status: 'investigating' as Status },
    ...updates.map((u) => ({ at: u.postedAt, status: u.status })),
    ...reopenedAt.map((at) => ({ at, status: 'investigating' as Status })),
  ].sort((a, b) => a.at - b.at);
  const phases: StatusPhase[] = [];
  for (const change of changes) {
    const last = phases.at(-1);
    if (last?.status === change.status) continue;
    if (last) last.to = change.at;
    phases.push({ status: change.status, from: change.at, to: change.at });
  }
  const last = phases.at(-1);
  if (last && last.status !== 'resolved') last.to = Math.max(last.from, now);
  return phases.filter((p, i) => p.to > p.from || p.status === 'resolved' || i === phases.length - 1);
}
