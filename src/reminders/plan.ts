import type { Policy } from '../config/policy';
import type { AfterChange } from '../incidents/after-change';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import { newStreak, replan } from './due';
import { emptyReminder } from './reminder.types';

/**
 * Keeps each incident's reminder in step with it: listens to the incidents' one hook, inside the
 * transaction that changed the incident (and with its repositories), so the reminder can never
 * disagree with it.
 */
export function planReminders({ policy, recorder }: { policy: Policy; recorder: Recorder }): AfterChange {
  return async (incident, facts, tx) => {
    // An incident recorded after it ended has nobody to remind, even when reopened to amend it.
    if (incident.retroactive) return;
    const previous = await tx.reminders.get(incident.id);
    if (facts.cadenceMoved) {
      const before = previous ?? emptyReminder(incident.id);
      if (facts.answered && before.missed > 0)
        await recorder.record(tx, entries.reminderAnswered({ incidentId: incident.id, at: facts.at }, before.missed));
      await tx.reminders.save(replan(incident, policy, before, facts.answered));
    } else if (facts.newCommander && previous) {
      // A new commander starts a fresh streak: reminders go to them, escalation counts anew.
      await tx.reminders.save(newStreak(previous));
    }
  };
}
