import type { Policy } from '../../config/policy';
import { formatDuration } from '../../config/duration';
import type { Incident } from '../../incidents/incident.types';
import type { EscalationLevel } from '../../reminders/escalation';
import type { EscalationContacts } from '../../reminders/reminder.port';
import type { ReminderNotice } from '../../reminders/reminder.types';
import { ACTION } from './ids';
import { channelLink, incidentRef, incidentRefPlain, severityLabel } from './incident-format';
import { actions, button, context, section, type SlackMessage } from './kit';
import { notificationText, slackDate } from './text';

/** Opens the channel from a DM in the Slack client (works on desktop and mobile). */
export const channelUrl = (channelId: string): string => `https://slack.com/app_redirect?channel=${channelId}`;

const lastUpdateText = (incident: Incident, notice: ReminderNotice, policy: Policy): string =>
  `${incident.lastUpdateAt ? 'Last update' : 'Declared'} ${formatDuration(notice.sinceLastUpdate)} ago (${slackDate(
    incident.lastUpdateAt ?? incident.declaredAt,
    policy.timezone,
    '{time}',
  )}). ${incident.severity} incidents get an update every ${formatDuration(notice.updateEvery)}.`;

/** The DM to the commander when an update is due. */
export function reminderMessage(incident: Incident, notice: ReminderNotice, policy: Policy): SlackMessage {
  const again = notice.reminderNumber > 1 ? ` (reminder ${notice.reminderNumber})` : '';
  const id = String(incident.id);
  return {
    text: notificationText(`Status update due for ${incidentRefPlain(incident)}${again}`),
    blocks: [
      section(
        `⏰ *A status update is due*${again} for ${incidentRef(incident)} in ${channelLink(incident)} · ${severityLabel(policy, incident.severity)}`,
      ),
      context(lastUpdateText(incident, notice, policy)),
      actions(
        'reminder_actions',
        button('Post update', ACTION.reminderUpdate, id, 'primary'),
        button(`Snooze ${formatDuration(notice.snoozeFor)}`, ACTION.reminderSnooze, id),
        { ...button('Open channel', ACTION.reminderOpenChannel, id), url: channelUrl(incident.channelId ?? '') },
      ),
    ],
  };
}

/** The short note in the incident channel when the first reminder of a streak goes out. */
export function overdueNote(incident: Incident, notice: ReminderNotice, policy: Policy): SlackMessage {
  const text = `⏰ Status update overdue: no update for ${formatDuration(notice.sinceLastUpdate)}. <@${incident.commanderId}> has been reminded.`;
  return {
    text: notificationText(text.replace(/<@\w+>/, 'the commander')),
    blocks: [context(text), context(lastUpdateText(incident, notice, policy))],
  };
}

const contactNames = (contacts: EscalationContacts): string[] => [
  ...contacts.users.map((u) => `<@${u}>`),
  ...(contacts.usergroup ? [`<!subteam^${contacts.usergroup}>`] : []),
];

/** The visible channel note naming who was called in (a user group mention notifies the group). */
export function escalationNote(incident: Incident, contacts: EscalationContacts, notice: ReminderNotice): SlackMessage {
  const names = contactNames(contacts);
  const why = `no status update for ${formatDuration(notice.sinceLastUpdate)} and ${notice.reminderNumber - 1} reminders to <@${incident.commanderId}> unanswered`;
  // The on-call backup is named as such, so the channel knows the managers are not called in yet.
  const to = contacts.level === 'secondary' ? `the on-call backup ${names.join(', ')}` : names.join(', ');
  const text = names.length
    ? `🚨 *Escalated* to ${to}: ${why}.`
    : `🚨 *Escalation due*: ${why}. No escalation contacts are configured for ${incident.severity} (escalateTo in the config).`;
  return { text: `🚨 Escalated: ${notificationText(incidentRefPlain(incident))}`, blocks: [section(text)] };
}

/** The DM each escalation contact gets; the on-call backup is told that is why. */
export function escalationMessage(
  incident: Incident,
  notice: ReminderNotice,
  policy: Policy,
  level: EscalationLevel,
): SlackMessage {
  const why = level === 'secondary' ? 'You are on call as backup and are being called in' : 'You are being called in';
  return {
    text: notificationText(`Escalation: ${incidentRefPlain(incident)} needs you`),
    blocks: [
      section(
        `🚨 *${why}* on ${incidentRef(incident)} (${severityLabel(policy, incident.severity)}): ` +
          `no status update for ${formatDuration(notice.sinceLastUpdate)}, and <@${incident.commanderId}> has not answered ${notice.reminderNumber - 1} reminders.`,
      ),
      actions('escalation_actions', {
        ...button('Open channel', ACTION.reminderOpenChannel, String(incident.id), 'primary'),
        url: channelUrl(incident.channelId ?? ''),
      }),
    ],
  };
}
