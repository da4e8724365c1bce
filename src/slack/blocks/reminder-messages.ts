import type { Policy } from '../../config/policy';
import { formatDuration } from '../../config/duration';
import type { Incident } from '../../incidents/incident.types';
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
      ...(notice.snoozesLeft > 0
        ? []
        : [context('No more snoozes for this streak: only a status update stops these reminders.')]),
      actions(
        'reminder_actions',
        button('Post update', ACTION.reminderUpdate, id, 'primary'),
        // Snooze postpones the next reminder only, and only so often: escalation cannot be put off forever.
        ...(notice.snoozesLeft > 0
          ? [button(`Snooze ${formatDuration(notice.snoozeFor)}`, ACTION.reminderSnooze, id)]
          : []),
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
