import { formatDuration } from '../config/duration';
import { STATUS_LABELS, type Status } from '../incidents/incident.types';
import { cutText } from '../text/cut-text';
import { type ChatText, type NameLookup, readableText, type RichText } from '../text/rich-text';
import { escalationWhy } from '../timeline/escalation-why';
import type { NewTimelineEntry, TimelineEvent } from '../timeline/timeline.types';
import { stepDoneText } from './step-words';

/** Reads text people wrote (in the chat platform's markup) as a reader saw it, with names for ids. */
export type Readable = (typed: string) => string;

export const readableWith =
  (chat: ChatText, names: NameLookup): Readable =>
  (typed) =>
    readableText(chat.read(typed), names);

const status = (id: string) => STATUS_LABELS[id as Status] ?? id;
const optional = (prefix: string, text: string) => (text ? `${prefix}${text}` : '');

/**
 * A timeline entry as one plain sentence for documents outside the chat (the postmortem, the JSON
 * export): people by name, what they wrote as they saw it. Not yet escaped for any format.
 */
export function entrySentence(
  entry: TimelineEvent & { at: number },
  names: NameLookup,
  read: Readable,
  time: (ms: number) => string = (ms) => new Date(ms).toISOString(),
): string {
  const person = (id: string) => `@${names.person(id) ?? id}`;
  const written = (d: { source: string; body?: RichText }) => (d.body ? readableText(d.body, names) : read(d.source));
  switch (entry.kind) {
    case 'declared': {
      const d = entry.data;
      return `Declared ${d.private ? 'private ' : ''}${d.severity} "${read(d.title)}" with ${person(d.commanderId)} as commander`;
    }
    case 'channel_created':
      return `Channel #${entry.data.channelName} created`;
    case 'status_update':
      return `${status(entry.data.to)}: ${read(entry.data.summary)}`;
    case 'resolved':
      return `Resolved: ${read(entry.data.resolution)}`;
    case 'severity_changed':
      return `Severity changed from ${entry.data.from} to ${entry.data.to}${optional(': ', read(entry.data.reason))}`;
    case 'role_assigned': {
      const { roleName, to, from } = entry.data;
      return `${roleName}: ${person(to)}${from ? ` (was ${person(from)})` : ''}`;
    }
    case 'reopened':
      return `Reopened${optional(': ', read(entry.data.reason))}`;
    case 'archived':
      return 'Channel archived';
    case 'archive_failed':
      return `The channel could not be archived (${entry.data.code})`;
    case 'reminder_sent': {
      const d = entry.data;
      return `Reminder ${d.reminder} sent to ${person(d.to)}: no update for ${formatDuration(d.sinceLastUpdate)}`;
    }
    case 'reminder_failed':
      return `Reminder to ${person(entry.data.to)} could not be delivered (${entry.data.code})`;
    case 'reminder_answered':
      return `Update posted after ${entry.data.missed} reminder${entry.data.missed === 1 ? '' : 's'}`;
    case 'reminder_snoozed':
      return `Reminders snoozed for ${formatDuration(entry.data.until - entry.at)}`;
    case 'escalated': {
      const { users, usergroup, level } = entry.data;
      const contacts = [...users.map(person), ...(usergroup ? [`@${usergroup}`] : [])].join(', ');
      const why = escalationWhy(entry.data, read);
      if (!contacts) return `Escalation due, but no escalation contacts are configured${why}`;
      return `Escalated to ${level === 'secondary' ? `the on-call backup ${contacts}` : contacts}${why}`;
    }
    case 'acknowledged':
      return `${person(entry.data.by)} acknowledged${entry.data.self ? ' (as commander)' : ''}`;
    case 'acknowledgement_overdue':
      return `Not acknowledged by ${person(entry.data.commanderId)} within ${formatDuration(entry.data.within)}`;
    case 'comms_reminder':
      return `No communications lead ${formatDuration(entry.data.within)} in; ${person(entry.data.commanderId)} reminded`;
    case 'escalation_failed':
      return `Escalation failed (${entry.data.code})`;
    case 'message':
    case 'note':
      return written(entry.data);
    case 'followup_added':
      return `Follow-up: ${read(entry.data.text)}${entry.data.ownerId ? ` (owner ${person(entry.data.ownerId)})` : ''}`;
    case 'followup_done':
      return `Follow-up done: ${read(entry.data.text)}`;
    case 'alert_firing':
      return `${entry.data.again ? 'Firing again' : 'Alert firing'}: ${entry.data.alert}`;
    case 'alert_resolved':
      return `${entry.data.source} reports resolved: ${entry.data.alerts.join(', ')}`;
    case 'alert_severity_unknown':
      return `Severity label "${cutText(entry.data.label, 40)}" is not known; declared as ${entry.data.severity}`;
    case 'key_time_corrected': {
      const { label, from, to } = entry.data;
      return `${label} corrected to ${time(to)}${from === null ? '' : ` (was ${time(from)})`}`;
    }
    case 'postmortem_step_done':
      return stepDoneText(entry.data.step);
    case 'postmortem_uploaded':
      return `${entry.data.draft ? 'Postmortem draft' : 'Postmortem'} shared (${entry.data.fileName})`;
  }
}

const NO_NAMES: NameLookup = { person: () => undefined };

/**
 * The one line stored with each entry for people and tools that read the database directly: the
 * same plain sentence as the documents, with people as @user-ids (names are not known where the
 * entry is written) and no markup of any chat platform in it.
 */
export function plainEntryLine(chat: ChatText): (entry: NewTimelineEntry) => string {
  const read = readableWith(chat, NO_NAMES);
  return (entry) => entrySentence(entry, NO_NAMES, read);
}
