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
import { isDrill } from '../../incidents/incident-types';
import { actions, context, labelled, section, type SlackMessage } from './kit';
import { followButton } from './follow-messages';
import { notificationText, slackDate } from './text';
import { declaredByText } from './declarer';

/** The declaration as announced to everyone; kept current (status, commander) by chat.update. */
export function announcementMessage(incident: Incident, policy: Policy): SlackMessage {
  const verb = incident.resolvedAt !== null ? 'resolved' : 'declared';
  // A drill says so before anything else: an announcement is read by people not in the response.
  const noun = isDrill(incident) ? 'DRILL' : 'incident';
  return {
    text: notificationText(`${incident.severity} ${noun} ${verb}: ${incidentRefPlain(incident)}`, 300),
    blocks: [
      section(
        `${isDrill(incident) ? '🧪 ' : severityMark(policy, incident.severity)} *${severityLabel(policy, incident.severity)} ${noun} ${verb}:* ${incidentRef(incident)}\n` +
          `Status *${statusLabel(incident.status)}* · Commander <@${incident.commanderId}> · ${channelLink(incident)}`,
      ),
      labelled('Impact', incident.impact),
      context(`Declared ${slackDate(incident.declaredAt, policy.timezone)} ${declaredByText(incident.declaredBy)}`),
      // Following a resolved incident would bring nothing: its resolution was the last news.
      ...(incident.resolvedAt === null ? [actions('announcement_actions', followButton(incident))] : []),
    ],
  };
}
