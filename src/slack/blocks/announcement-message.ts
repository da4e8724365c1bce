import type { Policy } from '../../config/policy';
import type { Incident } from '../../incidents/incident.types';
import {
  channelLink,
  incidentRef,
  incidentRefPlain,
  severityLabel,
  severityMark,
  statusLabel,
} from './incident-format';
import { context, labelled, section, type SlackMessage } from './kit';
import { notificationText, slackDate } from './text';
import { declaredByText } from './declarer';

/** The declaration as announced to everyone; kept current (status, commander) by chat.update. */
export function announcementMessage(incident: Incident, policy: Policy): SlackMessage {
  const verb = incident.resolvedAt !== null ? 'resolved' : 'declared';
  return {
    text: notificationText(`${incident.severity} incident ${verb}: ${incidentRefPlain(incident)}`, 300),
    blocks: [
      section(
        `${severityMark(policy, incident.severity)} *${severityLabel(policy, incident.severity)} incident ${verb}:* ${incidentRef(incident)}\n` +
          `Status *${statusLabel(incident.status)}* · Commander <@${incident.commanderId}> · ${channelLink(incident)}`,
      ),
      labelled('Impact', incident.impact),
      context(`Declared ${slackDate(incident.declaredAt, policy.timezone)} ${declaredByText(incident.declaredBy)}`),
    ],
  };
}
