import { safeMrkdwn } from './text';
import type { Policy, Role } from '../../config/policy';
import { formatDuration } from '../../config/duration';
import type { IncidentChange } from '../../incidents/change.types';
import { updateCadence } from '../../incidents/cadence';
import type { Incident } from '../../incidents/incident.types';
import { followButton } from './follow-messages';
import { channelLink, incidentRef, incidentRefPlain, severityLabel, severityMark } from './incident-format';
import { actions, context, labelled, section, type Block, type SlackMessage } from './kit';
import { escapeMrkdwn, notificationText } from './text';

const cadenceLine = (policy: Policy, severityId: string): string => {
  const every = updateCadence(policy, severityId);
  return every === null
    ? 'This severity has no status-update cadence.'
    : `Status updates are now due every ${formatDuration(every)}.`;
};

/** The note posted in the incident channel when something about the incident changes. */
export function changeMessage(incident: Incident, change: IncidentChange, policy: Policy): SlackMessage {
  const ref = incidentRefPlain(incident);
  switch (change.kind) {
    case 'severity': {
      const blocks: Block[] = [
        section(
          `${severityMark(policy, change.to)} Severity changed from *${severityLabel(policy, change.from)}* to *${severityLabel(policy, change.to)}* by <@${change.actorId}>`,
        ),
      ];
      if (change.reason) blocks.push(labelled('Reason', change.reason));
      blocks.push(context(cadenceLine(policy, change.to)));
      return { text: notificationText(`${ref}: severity changed from ${change.from} to ${change.to}`), blocks };
    }
    case 'role':
      return {
        text: notificationText(`${ref}: new ${change.roleName}`),
        blocks: [
          section(
            `👤 <@${change.to}> is now *${change.roleName}*${change.from ? ` (taking over from <@${change.from}>)` : ''}, assigned by <@${change.actorId}>.` +
              (change.roleId === 'commander' ? ' Status-update reminders go to them from now on.' : ''),
          ),
        ],
      };
    case 'reopened': {
      const blocks: Block[] = [
        section(`🔁 Incident reopened by <@${change.actorId}>. Status is back to *Investigating*.`),
      ];
      if (change.reason) blocks.push(labelled('Reason', change.reason));
      return { text: notificationText(`${ref} reopened`), blocks };
    }
    case 'services': {
      const said = [
        change.added.length > 0 ? `added ${change.added.map((n) => `*${escapeMrkdwn(n)}*`).join(', ')}` : '',
        change.removed.length > 0 ? `removed ${change.removed.map((n) => `*${escapeMrkdwn(n)}*`).join(', ')}` : '',
      ].filter(Boolean);
      return {
        text: notificationText(`${ref}: affected services changed`),
        blocks: [section(`🧩 Affected services: <@${change.actorId}> ${said.join(' and ')}.`)],
      };
    }
    case 'linked': {
      const other = `#${change.otherId}${change.otherTitle ? ` ${safeMrkdwn(change.otherTitle, 80)}` : ''}${change.otherChannelId ? ` (<#${change.otherChannelId}>)` : ''}`;
      const words = {
        related: `is related to ${other}`,
        duplicate_of: `is a duplicate of ${other}; it is resolved as such`,
        duplicated_by: `has a duplicate: ${other}, resolved as a duplicate of this one`,
        child_of: `is part of ${other}`,
        parent_of: `now includes ${other}`,
      }[change.link];
      return {
        text: notificationText(`${ref}: linked to #${change.otherId}`),
        blocks: [section(`🔗 This incident ${words} (linked by <@${change.actorId}>).`)],
      };
    }
    case 'archiving':
      return {
        text: notificationText(`${ref}: this channel is being archived`),
        blocks: [
          section(
            `🗄️ This incident was resolved ${formatDuration(change.after)} ago, so Commander is archiving this channel now. ` +
              'Its timeline and postmortem stay in Commander (`npm run export`).',
          ),
        ],
      };
  }
}

/** Told in the announcement channel when an incident becomes major. */
export function escalatedSeverityAnnouncement(
  incident: Incident,
  change: IncidentChange & { kind: 'severity' },
  policy: Policy,
): SlackMessage {
  return {
    text: notificationText(`${incidentRefPlain(incident)} is now ${change.to}`),
    blocks: [
      section(
        `${severityMark(policy, change.to)} *${incidentRef(incident)} is now ${severityLabel(policy, change.to)}* (was ${change.from}) · ` +
          `Commander <@${incident.commanderId}> · ${channelLink(incident)}`,
      ),
      ...(change.reason ? [labelled('Reason', change.reason)] : []),
      actions('announcement_actions', followButton(incident)),
    ],
  };
}

/** The DM to someone given a role: what the role means and where the incident is. */
export function roleAssignedDm(incident: Incident, role: Role, assignedBy: string): SlackMessage {
  const blocks: Block[] = [
    section(
      `👤 You are now the *${role.name}* of incident ${incidentRef(incident)} in ${channelLink(incident)}, assigned by <@${assignedBy}>.`,
    ),
  ];
  if (role.description) blocks.push(context(role.description));
  return { text: notificationText(`You are now ${role.name} of ${incidentRefPlain(incident)}`), blocks };
}
