import type { WebClient } from '@slack/web-api';
import type { Policy } from '../../config/policy';
import type { ReminderNotifier } from '../../reminders/reminder.port';
import { overdueNote, reminderMessage } from '../blocks/reminder-messages';
import type { DirectMessages, PostOnce } from './direct-messages';
import { slackPort } from './slack-errors';

/** Reminders and escalations as Slack DMs and channel notes; keyed ones carry metadata (keyed-posts.ts). */
export function createSlackReminderNotifier({
  client,
  policy,
  dms,
  postOnce,
}: {
  client: WebClient;
  policy: Policy;
  dms: DirectMessages;
  postOnce?: PostOnce;
}): ReminderNotifier {
  return slackPort<ReminderNotifier>({
    async remindCommander(incident, notice, key) {
      const message = reminderMessage(incident, notice, policy);
      if (key) await dms.sendOnce(incident.commanderId, message, { incidentId: incident.id, ...key });
      else await dms.send(incident.commanderId, message);
    },
    async postOverdueNote(incident, notice, key) {
      if (!incident.channelId) return;
      const message = overdueNote(incident, notice, policy);
      if (key && postOnce) await postOnce(incident.channelId, message, { incidentId: incident.id, ...key });
      else await client.chat.postMessage({ channel: incident.channelId, ...message });
    },
  });
}
