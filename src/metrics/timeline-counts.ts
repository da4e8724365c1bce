import type { EntryObserver } from '../timeline/record';
import type { Metrics } from './metrics';

/**
 * Counts what happens from the timeline entries the use-cases record: every declaration, update,
 * resolution, reminder and escalation is recorded there, so this is one place to listen without
 * the domain knowing about metrics. The recorder (src/timeline/record.ts) tells it of each new
 * entry once the entry's transaction is through; an entry recorded inside a larger transaction
 * that then rolls back would still be counted (those are rare).
 */
export function countingEntries(metrics: Metrics): EntryObserver {
  return (entry) => {
    switch (entry.kind) {
      case 'declared':
        metrics.declared.inc({ severity: entry.data.severity });
        break;
      case 'status_update':
        metrics.updates.inc();
        break;
      case 'resolved':
        metrics.resolved.inc();
        break;
      case 'reminder_sent':
        metrics.remindersSent.inc();
        if (typeof entry.data.dueAt === 'number')
          metrics.reminderDelay.observe(Math.max(0, entry.at - entry.data.dueAt) / 1000);
        break;
      case 'reminder_snoozed':
        metrics.remindersSnoozed.inc();
        break;
      case 'escalated':
        metrics.escalations.inc({ level: entry.data.level });
        break;
    }
  };
}
