import type { Policy } from '../../config/policy';
import { formatDuration } from '../../config/duration';
import type { Incident, StatusUpdate } from '../../incidents/incident.types';
import { nextUpdateDue } from '../../incidents/cadence';
import { channelLink, incidentRef, incidentRefPlain, severityLabel, statusLabel } from './incident-format';
import { postmortemRequired, stepDeadlines } from '../../postmortem/requirement';
import { ACTION } from './ids';
import { actions, button, context, fields, labelled, section, type SlackMessage } from './kit';
import { notificationText, slackDate } from './text';

/** The templated update posted in the incident channel (the runbooks' "Update" template). */
export function statusUpdateMessage(incident: Incident, update: StatusUpdate, policy: Policy): SlackMessage {
  if (update.status === 'resolved') return resolvedMessage(incident, update, policy);
  const due = nextUpdateDue(incident, policy);
  const blocks = [
    section(`📣 *Status update: ${statusLabel(update.status)}*`),
    fields(`*Severity*\n${severityLabel(policy, incident.severity)}`, `*Status*\n${statusLabel(update.status)}`),
    labelled('What changed', update.summary),
    labelled('Current impact', update.impact || incident.impact),
  ];
  if (update.nextSteps) blocks.push(labelled('Next steps', update.nextSteps));
  blocks.push(
    context(
      `Posted by <@${update.authorId}> at ${slackDate(update.postedAt, policy.timezone, '{time}')}` +
        (due ? ` · Next update due ${slackDate(due, policy.timezone, '{time}')}` : ''),
    ),
  );
  return {
    text: notificationText(
      `Update on ${incidentRefPlain(incident)}: ${statusLabel(update.status)} — ${update.summary}`,
      500,
    ),
    blocks,
  };
}

function resolvedMessage(incident: Incident, update: StatusUpdate, policy: Policy): SlackMessage {
  const duration = formatDuration((incident.resolvedAt ?? update.postedAt) - incident.declaredAt);
  const blocks = [
    section(`✅ *Resolved* after *${duration}*`),
    labelled('Resolution', incident.resolution ?? update.summary),
  ];
  if (incident.rootCause) blocks.push(labelled('Root cause', incident.rootCause));
  if (incident.resolvedAt !== null && postmortemRequired(policy, incident)) {
    const due = stepDeadlines(policy, incident.resolvedAt).report;
    blocks.push(
      section(
        `📄 A postmortem is required. The draft is shared here; the report is due ${slackDate(due, policy.timezone)}.`,
      ),
    );
  }
  blocks.push(
    context(
      `Resolved by <@${update.authorId}> at ${slackDate(update.postedAt, policy.timezone)} · Declared ${slackDate(incident.declaredAt, policy.timezone)}`,
    ),
    // For the postmortem: when it really started, was noticed, taken on and fixed.
    actions('resolved_actions', button('Key times', ACTION.openKeyTimes, String(incident.id))),
  );
  return { text: notificationText(`${incidentRefPlain(incident)} is resolved after ${duration}`, 500), blocks };
}

/** The short form of an update for the announcement channel, linking to the incident channel. */
export function mirroredUpdateMessage(incident: Incident, update: StatusUpdate, policy: Policy): SlackMessage {
  const headline =
    update.status === 'resolved'
      ? `✅ ${incidentRef(incident)} is *resolved* after ${formatDuration((incident.resolvedAt ?? update.postedAt) - incident.declaredAt)}`
      : `📣 ${incidentRef(incident)} · ${severityLabel(policy, incident.severity)} · *${statusLabel(update.status)}*`;
  return {
    text: notificationText(`${incidentRefPlain(incident)}: ${statusLabel(update.status)} — ${update.summary}`, 500),
    blocks: [
      section(headline),
      labelled(update.status === 'resolved' ? 'Resolution' : 'Update', update.summary),
      context(`Follow along in ${channelLink(incident)}`),
    ],
  };
}
