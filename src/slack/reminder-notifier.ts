import type { WebClient } from '@slack/web-api';
import type { Policy } from '../config/policy';
import type { ReminderNotifier } from '../reminders/reminder.port';
import { overdueNote, reminderMessage } from './blocks/reminder-messages';
import type { SlackMessage } from './blocks/kit';
import type { DirectMessages } from './direct-messages';
import { speakingNeutral } from './slack-errors';

/** Reminders and escalations as Slack DMs and channel notes. */
export function createSlackReminderNotifier({
  client,
  policy,
  dms,
}: {
  client: WebClient;
  policy: Policy;
  dms: DirectMessages;
}): ReminderNotifier {
  const dm = (userId: string, message: SlackMessage) => dms.send(userId, message);

  return speakingNeutral<ReminderNotifier>({
    async remindCommander(incident, notice) {
      await dm(incident.commanderId, reminderMessage(incident, notice, policy));
    },
    async postOverdueNote(incident, notice) {
      if (!incident.channelId) return;
      await client.chat.postMessage({ channel: incident.channelId, ...overdueNote(incident, notice, policy) });
    },
  });
}
