import type { Policy } from '../config/policy';
import type { AfterChange } from '../incidents/after-change';
import type { Repositories } from '../store';
import { entries } from '../timeline/entries';
import { newStreak, replan } from './due';
import { emptyReminder } from './reminder.types';

/**
 * Keeps each incident's reminder in step with it: listens to the incidents' one hook, inside the
 * transaction that changed the incident, so the reminder can never disagree with it.
 */
export function planReminders({
  store,
  policy,
}: {
  store: Repositories<'reminders' | 'timeline'>;
  policy: Policy;
}): AfterChange {
  return (incident, facts) => {
    const previous = store.reminders.get(incident.id);
    if (facts.cadenceMoved) {
      const before = previous ?? emptyReminder(incident.id);
      if (facts.answered && before.missed > 0)
        store.timeline.append(entries.reminderAnswered({ incidentId: incident.id, at: facts.at }, before.missed));
      store.reminders.save(replan(incident, policy, before, facts.answered));
    } else if (facts.newCommander && previous) {
      // A new commander starts a fresh streak: reminders go to them, escalation counts anew.
      store.reminders.save(newStreak(previous));
    }
  };
}
