import type { EntryObserver } from '../timeline/record';
import { incidentTypesSeen } from './incident-types-seen';
import type { Metrics } from './metrics';

/**
 * Counts what happens from the timeline entries the use-cases record: every declaration, update,
 * resolution, reminder and escalation is recorded there, so this is one place to listen without
 * the domain knowing about metrics. The recorder (src/timeline/record.ts) tells it of each new
 * entry once the entry's transaction is through; an entry recorded inside a larger transaction
 * that then rolls back would still be counted (those are rare). Every incident counter is labelled
 * with the incident's `type`, so dashboards can leave drills out (`type!="drill"`).
 */
export function countingEntries(
  metrics: Metrics,
  typeOf: (incidentId: number) => Promise<string | undefined>,
): EntryObserver {
  const seen = incidentTypesSeen(typeOf);
  return (entry) => {
    if (entry.kind === 'declared') seen.learn(entry.incidentId, entry.data.type ?? 'incident');
    const counted = (count: (type: string) => void) => seen.withType(entry.incidentId, count);
    switch (entry.kind) {
      case 'declared':
        counted((type) => metrics.declared.inc({ severity: entry.data.severity, type }));
        break;
      case 'status_update':
        counted((type) => metrics.updates.inc({ type }));
        break;
      case 'resolved':
        counted((type) => metrics.resolved.inc({ type }));
        break;
      case 'reminder_sent':
        counted((type) => metrics.remindersSent.inc({ type }));
        if (typeof entry.data.dueAt === 'number')
          metrics.reminderDelay.observe(Math.max(0, entry.at - entry.data.dueAt) / 1000);
        break;
      case 'reminder_snoozed':
        counted((type) => metrics.remindersSnoozed.inc({ type }));
        break;
      case 'escalated':
        counted((type) => metrics.escalations.inc({ level: entry.data.level, type }));
        break;
    }
  };
}
