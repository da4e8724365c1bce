import type { WebClient } from '@slack/web-api';
import { findRole, type Policy } from '../../config/policy';
import type { Incident } from '../../incidents/incident.types';
import type { EscalationNotifier } from '../../escalations/escalation.port';
import {
  acknowledgementOverdueNote,
  acknowledgeRequest,
  briefingMessage,
  callInNote,
  commsReminder,
} from '../blocks/escalation-messages';
import type { WorkKey } from '../../reminders/reminder.port';
import type { SlackMessage } from '../blocks/kit';
import type { DirectMessages, PostOnce } from './direct-messages';
import { inBatches } from './in-batches';
import { slackPort } from './slack-errors';

/** Briefing DMs sent at once at most: each is two calls, and chat.postMessage is rate-limited. */
const DM_AT_ONCE = 4;

/** The escalation clock as Slack DMs and channel notes. */
export function createSlackEscalationNotifier({
  client,
  policy,
  dms,
  refreshSummary,
  postOnce,
}: {
  client: WebClient;
  policy: Policy;
  dms: DirectMessages;
  refreshSummary: (incident: Incident) => Promise<void>;
  postOnce?: PostOnce;
}): EscalationNotifier {
  // With a key (the escalation clock's timers), each post and DM carries it as metadata and, on a
  // takeover from a replica that died, is looked for first; one DM channel per person, so one step.
  const dm = (incident: Incident, userId: string, message: SlackMessage, key?: WorkKey) =>
    key ? dms.sendOnce(userId, message, { incidentId: incident.id, ...key }) : dms.send(userId, message);
  const post = async (incident: Incident, channel: string, message: SlackMessage, key?: WorkKey) => {
    if (key && postOnce) await postOnce(channel, message, { incidentId: incident.id, ...key });
    else await client.chat.postMessage({ channel, ...message });
  };
  return slackPort<EscalationNotifier>({
    refreshSummary,
    async askToAcknowledge(incident, overdue, key) {
      await dm(incident, incident.commanderId, acknowledgeRequest(incident, policy, overdue), key);
    },
    async postAcknowledgementOverdue(incident, within, key) {
      if (!incident.channelId) return;
      await post(incident, incident.channelId, acknowledgementOverdueNote(incident, within), key);
    },
    async callIn(incident, contacts, briefing, key) {
      // The note, the invite and the DMs need nothing from each other: all at once, the DMs a few
      // at a time (each opens a conversation first). People called in need the channel (a private
      // one they could not even open); a refused invite (a guest, say) must not undo the
      // escalation: the DM still reaches them.
      const failures: unknown[] = [];
      const note = incident.channelId
        ? post(incident, incident.channelId, callInNote(incident, contacts, briefing), key)
        : Promise.resolve();
      const invite =
        incident.channelId && contacts.users.length > 0
          ? client.conversations
              .invite({ channel: incident.channelId, users: contacts.users.join(','), force: true })
              .catch(() => undefined)
          : Promise.resolve();
      const sent = inBatches(contacts.users, DM_AT_ONCE, (user) =>
        dm(incident, user, briefingMessage(incident, contacts, briefing, policy), key).catch((error: unknown) => {
          failures.push(error);
        }),
      );
      // The visible note is what the whole channel relies on: its failure is the one reported.
      const [noted] = await Promise.allSettled([note, invite, sent]);
      if (noted.status === 'rejected') throw noted.reason;
      if (failures.length > 0) throw failures[0];
    },
    async remindComms(incident, within, key) {
      const message = commsReminder(incident, within, findRole(policy, 'comms')?.name ?? 'communications lead');
      if (incident.channelId) await post(incident, incident.channelId, message, key);
      await dm(incident, incident.commanderId, message, key);
    },
  });
}
