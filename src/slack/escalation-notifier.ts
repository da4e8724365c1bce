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
import { speakingNeutral } from './slack-errors';

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
      // The visible note comes first: it is what the whole channel relies on.
      if (incident.channelId)
        await client.chat.postMessage({ channel: incident.channelId, ...callInNote(incident, contacts, briefing) });
      // People called in need the channel (a private one they could not even open). A refused
      // invite (a guest, say) must not undo the escalation: the DM still reaches them.
      if (incident.channelId && contacts.users.length > 0) {
        await client.conversations
          .invite({ channel: incident.channelId, users: contacts.users.join(','), force: true })
          .catch(() => undefined);
      }
      const failures: unknown[] = [];
      for (const user of contacts.users) {
        await dms
          .send(user, briefingMessage(incident, contacts, briefing, policy))
          .catch((error: unknown) => failures.push(error));
      }
      if (failures.length > 0) throw failures[0];
    },
    async remindComms(incident, within) {
      const message = commsReminder(incident, within, findRole(policy, 'comms')?.name ?? 'communications lead');
      if (incident.channelId) await client.chat.postMessage({ channel: incident.channelId, ...message });
      await dms.send(incident.commanderId, message);
    },
  });
}
