import type { WebClient } from '@slack/web-api';
import { findRole, type Policy } from '../config/policy';
import type { Incident } from '../incidents/incident.types';
import type { EscalationNotifier } from '../reminders/escalation.port';
import {
  acknowledgementOverdueNote,
  acknowledgeRequest,
  briefingMessage,
  callInNote,
  commsReminder,
} from './blocks/escalation-messages';
import type { DirectMessages } from './direct-messages';
import { inBatches } from './in-batches';
import { speakingNeutral } from './slack-errors';

/** Briefing DMs sent at once at most: each is two calls, and chat.postMessage is rate-limited. */
const DM_AT_ONCE = 4;

/** The escalation clock as Slack DMs and channel notes. */
export function createSlackEscalationNotifier({
  client,
  policy,
  dms,
  refreshSummary,
}: {
  client: WebClient;
  policy: Policy;
  dms: DirectMessages;
  refreshSummary: (incident: Incident) => Promise<void>;
}): EscalationNotifier {
  return speakingNeutral<EscalationNotifier>({
    refreshSummary,
    async askToAcknowledge(incident, overdue) {
      await dms.send(incident.commanderId, acknowledgeRequest(incident, policy, overdue));
    },
    async postAcknowledgementOverdue(incident, within) {
      if (!incident.channelId) return;
      await client.chat.postMessage({ channel: incident.channelId, ...acknowledgementOverdueNote(incident, within) });
    },
    async callIn(incident, contacts, briefing) {
      // The note, the invite and the DMs need nothing from each other: all at once, the DMs a few
      // at a time (each opens a conversation first). People called in need the channel (a private
      // one they could not even open); a refused invite (a guest, say) must not undo the
      // escalation: the DM still reaches them.
      const failures: unknown[] = [];
      const note = incident.channelId
        ? client.chat.postMessage({ channel: incident.channelId, ...callInNote(incident, contacts, briefing) })
        : Promise.resolve();
      const invite =
        incident.channelId && contacts.users.length > 0
          ? client.conversations
              .invite({ channel: incident.channelId, users: contacts.users.join(','), force: true })
              .catch(() => undefined)
          : Promise.resolve();
      const sent = inBatches(contacts.users, DM_AT_ONCE, (user) =>
        dms.send(user, briefingMessage(incident, contacts, briefing, policy)).catch((error: unknown) => {
          failures.push(error);
        }),
      );
      // The visible note is what the whole channel relies on: its failure is the one reported.
      const [noted] = await Promise.allSettled([note, invite, sent]);
      if (noted.status === 'rejected') throw noted.reason;
      if (failures.length > 0) throw failures[0];
    },
    async remindComms(incident, within) {
      const message = commsReminder(incident, within, findRole(policy, 'comms')?.name ?? 'communications lead');
      if (incident.channelId) await client.chat.postMessage({ channel: incident.channelId, ...message });
      await dms.send(incident.commanderId, message);
    },
  });
}
