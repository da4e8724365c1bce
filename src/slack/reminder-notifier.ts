import type { WebClient } from '@slack/web-api';
import type { Policy } from '../config/policy';
import type { ReminderNotifier } from '../reminders/reminder.port';
import { escalationMessage, escalationNote, overdueNote, reminderMessage } from './blocks/reminder-messages';
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
    async escalate(incident, contacts, notice) {
      // The visible note comes first: it is what the whole channel relies on.
      if (incident.channelId) {
        await client.chat.postMessage({ channel: incident.channelId, ...escalationNote(incident, contacts, notice) });
      }
      const failures: unknown[] = [];
      // People called in need the channel (a private one they could not even open). A refused
      // invite (a guest, say) must not undo the escalation: the DM still reaches them.
      if (incident.channelId && contacts.users.length > 0) {
        await client.conversations
          .invite({ channel: incident.channelId, users: contacts.users.join(','), force: true })
          .catch(() => undefined);
      }
      for (const user of contacts.users) {
        await dm(user, escalationMessage(incident, notice, policy, contacts.level)).catch((error: unknown) =>
          failures.push(error),
        );
      }
      if (failures.length > 0) throw failures[0];
    },
  });
}
