import { updateCadence } from '../../incidents/cadence';
import type { Policy } from '../../config/policy';

/** A status update's status and time; only those count here. */
interface Posted {
  postedAt: number;
}

/** A severity change, as its timeline entry records it. */
export interface SeverityChange {
  at: number;
  from: string;
  to: string;
}

/** The severity in force at `at`: the declared one (the first change's `from`), then each change made by then. */
export function severityAt(current: string, changes: readonly SeverityChange[], at: number): string {
  let severity = changes[0]?.from ?? current;
  for (const change of changes) if (change.at <= at) severity = change.to;
  return severity;
}

/**
 * Each status update against when it was due: the severity's `updateEvery` after the update before
 * it (the declaration for the first), by the severity in force when it was posted. Updates whose
 * severity asks for none are not counted.
 */
export function updatesOnTime(
  incident: { severity: string; declaredAt: number },
  updates: readonly Posted[],
  changes: readonly SeverityChange[],
  policy: Policy,
): { counted: number; onTime: number } {
  const ordered = [...updates].sort((a, b) => a.postedAt - b.postedAt);
  let counted = 0;
  let onTime = 0;
  let previous = incident.declaredAt;
  for (const update of ordered) {
    const every = updateCadence(policy, severityAt(incident.severity, changes, update.postedAt));
    if (every !== null) {
      counted++;
      if (update.postedAt <= previous + every) onTime++;
    }
    previous = update.postedAt;
  }
  return { counted, onTime };
}
