import { formatDuration } from '../../config/duration';
import { STATUS_LABELS, type Status } from '../../incidents/incident.types';
import { cutText } from '../../text/cut-text';
import { escalationWhy } from '../../timeline/escalation-why';
import type { TimelineEvent } from '../../timeline/timeline.types';
import { stepDoneText } from '../../postmortem/step-words';
import { escapeMrkdwn, slackDate } from './text';

const mention = (userId: string) => `<@${userId}>`;
const status = (id: string) => STATUS_LABELS[id as Status] ?? id;
const optional = (prefix: string, text: string) => (text ? `${prefix}${text}` : '');

/**
 * A timeline entry as one line of Slack text, people as mentions and what they wrote as they
 * wrote it. `/incident timeline` shows it with names instead of mentions; the database's `text`
 * column keeps it for people who read the database directly.
 */
export function timelineEntryText(entry: TimelineEvent & { at: number }): string {
  switch (entry.kind) {
    case 'declared': {
      const d = entry.data;
      return `Declared ${d.private ? 'private ' : ''}${d.severity} "${d.title}" with ${mention(d.commanderId)} as commander`;
    }
    case 'channel_created':
      return `Channel #${entry.data.channelName} created`;
    case 'status_update':
      return `${status(entry.data.to)}: ${entry.data.summary}`;
    case 'resolved':
      return `Resolved: ${entry.data.resolution}`;
    case 'severity_changed':
      return `Severity changed from ${entry.data.from} to ${entry.data.to}${optional(': ', entry.data.reason)}`;
    case 'role_assigned': {
      const { roleName, to, from } = entry.data;
      return `${roleName}: ${mention(to)}${from ? ` (was ${mention(from)})` : ''}`;
    }
    case 'reopened':
      return `Reopened${optional(': ', entry.data.reason)}`;
    case 'archived':
      return 'Channel archived';
    case 'archive_failed':
      return `The channel could not be archived (${entry.data.code})`;
    case 'reminder_sent': {
      const d = entry.data;
      return `Reminder ${d.reminder} sent to ${mention(d.to)}: no update for ${formatDuration(d.sinceLastUpdate)}`;
    }
    case 'reminder_failed':
      return `Reminder to ${mention(entry.data.to)} could not be delivered (${entry.data.code})`;
    case 'reminder_answered':
      return `Update posted after ${entry.data.missed} reminder${entry.data.missed === 1 ? '' : 's'}`;
    case 'reminder_snoozed':
      return `Reminders snoozed for ${formatDuration(entry.data.until - entry.at)}`;
    case 'escalated': {
      const { users, usergroup, level } = entry.data;
      const names = [...users.map(mention), ...(usergroup ? [`<!subteam^${usergroup}>`] : [])];
      const why = escalationWhy(entry.data);
      if (names.length === 0) return `Escalation due, but no escalation contacts are configured${why}`;
      return `Escalated to ${level === 'secondary' ? `the on-call backup ${names.join(', ')}` : names.join(', ')}${why}`;
    }
    case 'acknowledged':
      return `${mention(entry.data.by)} acknowledged${entry.data.self ? ' (as commander)' : ''}`;
    case 'acknowledgement_overdue':
      return `Not acknowledged by ${mention(entry.data.commanderId)} within ${formatDuration(entry.data.within)}`;
    case 'comms_reminder':
      return `No communications lead ${formatDuration(entry.data.within)} in; ${mention(entry.data.commanderId)} reminded`;
    case 'escalation_failed':
      return `Escalation failed (${entry.data.code})`;
    case 'message':
    case 'note':
      return entry.data.source;
    case 'followup_added':
      return `Follow-up: ${entry.data.text}${entry.data.ownerId ? ` (owner ${mention(entry.data.ownerId)})` : ''}`;
    case 'followup_done':
      return `Follow-up done: ${entry.data.text}`;
    case 'alert_firing':
      return `${entry.data.again ? 'Firing again' : 'Alert firing'}: ${escapeMrkdwn(entry.data.alert)}`;
    case 'alert_resolved':
      return `${entry.data.source} reports resolved: ${entry.data.alerts.map(escapeMrkdwn).join(', ')}`;
    case 'alert_severity_unknown':
      return `Severity label "${escapeMrkdwn(cutText(entry.data.label, 40))}" is not known; declared as ${entry.data.severity}`;
    case 'key_time_corrected': {
      const { label, from, to } = entry.data;
      return `${label} corrected to ${slackDate(to, 'UTC')}${from === null ? '' : ` (was ${slackDate(from, 'UTC')})`}`;
    }
    case 'postmortem_step_done':
      return stepDoneText(entry.data.step);
    case 'postmortem_uploaded':
      return `${entry.data.draft ? 'Postmortem draft' : 'Postmortem'} shared (${escapeMrkdwn(entry.data.fileName)})`;
  }
}
