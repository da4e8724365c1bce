import type { WebClient } from '@slack/web-api';
import type { Policy } from '../config/policy';
import type { ReminderNotifier } from '../reminders/reminder.port';
import { escalationMessage, escalationNote, overdueNote, reminderMessage } from './blocks/reminder-messages';
import type { SlackMessage } from './blocks/kit';
import type { DirectMessages } from './direct-messages';
import { inBatches } from './in-batches';
import { speakingNeutral } from './slack-errors';

/** Escalation DMs sent at once at most: each is two calls, and chat.postMessage is rate-limited. */
const DM_AT_ONCE = 4;

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
      // The channel note, the invite and the DMs need nothing from each other: all at once, the
      // DMs a few at a time (each opens a conversation first). A refused invite (a guest, say)
      // must not undo the escalation: the DM still reaches them.
      const failures: unknown[] = [];
      const note = incident.channelId
        ? client.chat.postMessage({ channel: incident.channelId, ...escalationNote(incident, contacts, notice) })
        : Promise.resolve();
      const invite =
        incident.channelId && contacts.users.length > 0
          ? client.conversations
              .invite({ channel: incident.channelId, users: contacts.users.join(','), force: true })
              .catch(() => undefined)
          : Promise.resolve();
      const sent = inBatches(contacts.users, DM_AT_ONCE, (user) =>
        dm(user, escalationMessage(incident, notice, policy, contacts.level)).catch((error: unknown) =>
          failures.push(error),
        ),
      );
      // The visible note is what the whole channel relies on: its failure is the one reported.
      const [noted] = await Promise.allSettled([note, invite, sent]);
      if (noted.status === 'rejected') throw noted.reason;
      if (failures.length > 0) throw failures[0];
    },
  });
}
