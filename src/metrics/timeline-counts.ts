import type { Store, Tx } from '../store';
import type { NewTimelineEntry } from '../timeline/timeline.types';
import type { Metrics } from './metrics';

/**
 * Counts what happens from the timeline entries the use-cases write: every declaration, update,
 * resolution, reminder and escalation is recorded there, so this is one place to listen without
 * the domain knowing about metrics. (When the single after-change hook lands, this moves to it.)
 * An entry written in a transaction that then rolls back would be counted; those are rare.
 */
export function countingTimeline(store: Store, metrics: Metrics): Store {
  const observe = (entry: NewTimelineEntry) => {
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
  // A transaction's work is given the counting repositories too: most entries are written there.
  const counting = <T extends Tx>(repositories: T): T => ({
    ...repositories,
    timeline: {
      ...repositories.timeline,
      async append(entry) {
        const id = await repositories.timeline.append(entry);
        if (id !== undefined) observe(entry);
        return id;
      },
    },
    transaction: (work) => repositories.transaction((tx) => work(counting(tx))),
  });
  return counting(store);
}
