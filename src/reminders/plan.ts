import type { Policy } from '../config/policy';
import type { Incident } from '../incidents/incident.types';
import type { Store } from '../store';
import { entries } from '../timeline/entries';
import { replan } from './due';
import { emptyReminder } from './reminder.types';

/**
 * Re-plans an incident's reminder after it changed. Call inside the transaction that changed the
 * incident, so the reminder can never disagree with it. `answered`: an update was posted.
 */
export function planReminder(store: Store, policy: Policy, incident: Incident, now: number, answered: boolean): void {
  const previous = store.reminders.get(incident.id) ?? emptyReminder(incident.id);
  const next = replan(incident, policy, previous, answered);
  if (answered && previous.missed > 0) {
    store.timeline.append(entries.reminderAnswered({ incidentId: incident.id, at: now }, previous.missed));
  }
  store.reminders.save(next);
}
