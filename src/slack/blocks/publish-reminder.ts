import { formatDuration } from '../../config/duration';
import type { Policy } from '../../config/policy';
import type { Incident } from '../../incidents/incident.types';
import { ACTION } from './ids';
import { channelLink, incidentRef, incidentRefPlain, severityLabel } from './incident-format';
import { actions, button, context, section, type SlackMessage } from './kit';
import { notificationText } from './text';

/** The comms clock's DM: a public incident has published nothing `within` in; Publish opens the publish form. */
export function publishReminder(incident: Incident, within: number, policy: Policy): SlackMessage {
  return {
    text: notificationText(`Nothing on the status page yet for ${incidentRefPlain(incident)}`),
    blocks: [
      section(
        `📣 *Customers have not been told yet*: ${incidentRef(incident)} affects a public service and nothing has been published to the status page ${formatDuration(within)} in. ${severityLabel(policy, incident.severity)} · ${channelLink(incident)}`,
      ),
      context('Publish to tell customers what is happening. This reminder comes once.'),
      actions('publish_reminder_actions', button('Publish', ACTION.openPublish, String(incident.id), 'primary')),
    ],
  };
}
