import { formatDuration } from '../../../config/duration';
import { context } from '../../blocks/kit';
import { slackDate } from '../../blocks/text';
import type { ListenerDeps } from '../deps';
import { afterButtonAck, withoutButtons } from '../shared/button';
import { incidentIdOf } from './open-incident-modal';

/** Snooze on a reminder DM: the next reminder moves out, and the DM says until when. */
export function snoozeReminder(deps: ListenerDeps) {
  return afterButtonAck(deps, async ({ body, action, respond }) => {
    // A stale or forged Snooze is refused by the domain, the same way whether or not the incident exists.
    const until = await deps.reminders.snooze(incidentIdOf(action.value), body.user.id);
    const original = withoutButtons(body);
    await respond({
      replace_original: true,
      text: `Snoozed for ${formatDuration(deps.policy.reminders.snoozeFor)}`,
      blocks: [
        ...original,
        context(`😴 Snoozed by <@${body.user.id}>. Next reminder ${slackDate(until, deps.policy.timezone, '{time}')}.`),
      ],
    });
  });
}

export const justAcknowledge = async ({ ack }: { ack: () => Promise<void> }) => {
  // Link buttons still send an action; Slack shows an error unless it is acknowledged.
  await ack();
};
