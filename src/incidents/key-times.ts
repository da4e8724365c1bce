import type { Incident, StatusUpdate } from './incident.types';

/** The moments a postmortem measures, in the order they must happen. */
export const KEY_TIMES = ['impactStarted', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const;
export type KeyTime = (typeof KEY_TIMES)[number];
export type KeyTimeValues = Record<KeyTime, number | null>;

export const KEY_TIME_LABELS: Record<KeyTime, string> = {
  impactStarted: 'Impact started',
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

/** What Commander saw happen, and what the commander corrected by hand. */
export interface KeyTimeFacts {
  incident: Incident;
  /** Only their statuses and times are read. */
  updates: ReadonlyArray<Pick<StatusUpdate, 'status' | 'postedAt'>>;
  /** When the commander first did anything on the incident's timeline. */
  firstCommanderActionAt: number | null;
  corrections: Partial<Record<KeyTime, number>>;
}

/**
 * When someone took the incident on: the recorded acknowledgement (the Acknowledge button, or
 * declaring oneself commander); for incidents without one, the commander's first action.
 */
export function acknowledgedAt(facts: Pick<KeyTimeFacts, 'incident' | 'firstCommanderActionAt'>): number | null {
  return facts.incident.acknowledgedAt ?? facts.firstCommanderActionAt;
}

/** The key times as recorded: declaring is both the start and the detection until someone says otherwise. */
export function recordedKeyTimes(facts: KeyTimeFacts): KeyTimeValues {
  const { incident } = facts;
  const ordered = [...facts.updates].sort((a, b) => a.postedAt - b.postedAt);
  return {
    impactStarted: incident.declaredAt,
    detected: incident.declaredAt,
    acknowledged: acknowledgedAt(facts),
    // A fix was in place at the first Monitoring update, or else at the resolution.
    mitigated: ordered.find((u) => u.status === 'monitoring')?.postedAt ?? incident.resolvedAt,
    resolved: incident.resolvedAt,
  };
}

/** The key times people trust: what was recorded, with the commander's corrections over it. */
export function keyTimes(facts: KeyTimeFacts): KeyTimeValues {
  return { ...recordedKeyTimes(facts), ...facts.corrections };
}

export interface KeyDurations {
  /** From the impact starting to someone noticing. */
  toDetect: number | null;
  /** From detection to someone taking it on. */
  toAcknowledge: number | null;
  /** From the impact starting to a fix in place. */
  toMitigate: number | null;
  /** From the impact starting to the end. */
  toResolve: number | null;
}

export function keyDurations(t: KeyTimeValues): KeyDurations {
  const between = (from: number | null, to: number | null) => (from === null || to === null ? null : to - from);
  return {
    toDetect: between(t.impactStarted, t.detected),
    toAcknowledge: between(t.detected, t.acknowledged),
    toMitigate: between(t.impactStarted, t.mitigated),
    toResolve: between(t.impactStarted, t.resolved),
  };
}

export interface KeyTimeProblem {
  key: KeyTime;
  message: string;
}

/**
 * The first key time that cannot be right: in the future, or before one that must come earlier.
 * The problem is put on the later time, the one that reads wrong in the order.
 */
export function keyTimesProblem(t: KeyTimeValues, now: number): KeyTimeProblem | null {
  for (const [i, key] of KEY_TIMES.entries()) {
    const at = t[key];
    if (at === null) continue;
    if (at > now) return { key, message: 'This time is in the future.' };
    for (const earlier of KEY_TIMES.slice(0, i).reverse()) {
      const before = t[earlier];
      if (before !== null && at < before)
        return { key, message: `${KEY_TIME_LABELS[key]} cannot be before ${KEY_TIME_LABELS[earlier].toLowerCase()}.` };
    }
  }
  return null;
}
