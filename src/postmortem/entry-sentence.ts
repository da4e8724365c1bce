import { formatDuration } from '../config/duration';
import { STATUS_LABELS, type Status } from '../incidents/incident.types';
import { stepDoneText } from './step-words';
import { cutText } from '../text/cut-text';
import type { RichText } from '../text/rich-text';
import { escalationWhy } from '../timeline/escalation-why';
import type { EntryData, TimelineEvent } from '../timeline/timeline.types';
import { ACTION_VERBS, type ActionVoice, actionWords } from '../rules/action-words';

/**
 * How one surface writes the parts of an entry's sentence that differ between surfaces: people,
 * groups, what people typed, text that came from elsewhere (alert names, file names), and times.
 * The words around them are the same for every surface, so they are written once, below.
 */
export interface EntryVoice {
  person(userId: string): string;
  usergroup(groupId: string): string;
  /** What a person typed, in the chat platform's markup, as this surface shows it. */
  typed(text: string): string;
  /** A message or note: its rich body where it has one. */
  written(d: { source: string; body?: RichText }): string;
  /** Text from outside (alert names, labels, file names), made safe for this surface. */
  literal(text: string): string;
  /** Text Commander made as data (a rule's filled-in template), as this surface writes it. */
  rich(text: RichText): string;
  time(ms: number): string;
}

const LINK_WORDS = {
  related: 'Related to',
  duplicate_of: 'Duplicate of',
  duplicated_by: 'Duplicated by',
  child_of: 'Part of',
  parent_of: 'Parent of',
} as const;

/** "Rule payments SEV1: invited @payments-leads", or what it could not do. */
function ruleActionSentence(d: EntryData['rule_action'], voice: EntryVoice): string {
  const words: ActionVoice = {
    person: voice.person,
    usergroup: voice.usergroup,
    text: (a) => voice.rich(a.text),
    literal: voice.literal,
  };
  const said =
    d.outcome === 'failed'
      ? `could not ${ACTION_VERBS[d.action.kind]} (${d.code ?? 'error'})`
      : actionWords(d.action, 'done', words);
  return `Rule ${voice.literal(d.rule)}: ${said}`;
}

const TRACKER_NAMES: Record<string, string> = { github: 'GitHub', jira: 'Jira', linear: 'Linear' };
const trackerName = (id: string) => TRACKER_NAMES[id] ?? id;
const status = (id: string) => STATUS_LABELS[id as Status] ?? id;
const optional = (prefix: string, text: string) => (text ? `${prefix}${text}` : '');

/** A timeline entry as one sentence, in the given voice. */
export function entrySentence(entry: TimelineEvent & { at: number }, voice: EntryVoice): string {
  const { person, typed, literal } = voice;
  switch (entry.kind) {
    case 'declared': {
      const d = entry.data;
      const kind = `${d.private ? 'private ' : ''}${d.type && d.type !== 'incident' ? `${d.type} ` : ''}${d.severity}`;
      const verb = d.retroactive ? 'Started (recorded afterwards):' : 'Declared';
      return `${verb} ${kind} "${typed(d.title)}" with ${person(d.commanderId)} as commander`;
    }
    case 'channel_created':
      return `Channel #${entry.data.channelName} created`;
    case 'status_update':
      return `${status(entry.data.to)}: ${typed(entry.data.summary)}`;
    case 'resolved':
      return `Resolved: ${typed(entry.data.resolution)}`;
    case 'severity_changed':
      return `Severity changed from ${entry.data.from} to ${entry.data.to}${optional(': ', typed(entry.data.reason))}`;
    case 'role_assigned': {
      const { roleName, to, from } = entry.data;
      return `${roleName}: ${person(to)}${from ? ` (was ${person(from)})` : ''}`;
    }
    case 'reopened':
      return `Reopened${optional(': ', typed(entry.data.reason))}`;
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
      const contacts = [...users.map(person), ...(usergroup ? [voice.usergroup(usergroup)] : [])].join(', ');
      const why = escalationWhy(entry.data, typed);
      if (!contacts) return `Escalation due, but no escalation contacts are configured${why}`;
      return `Escalated to ${level === 'secondary' ? `the on-call backup ${contacts}` : contacts}${why}`;
    }
    case 'acknowledged':
      return `${person(entry.data.by)} acknowledged${entry.data.self ? ' (as commander)' : ''}`;
    case 'acknowledgement_overdue':
      return `Not acknowledged by ${person(entry.data.commanderId)} within ${formatDuration(entry.data.within)}`;
    case 'comms_reminder':
      return `No communications lead ${formatDuration(entry.data.within)} in; ${person(entry.data.commanderId)} reminded`;
    case 'publish_reminder':
      return `Nothing on the status page ${formatDuration(entry.data.within)} in; ${person(entry.data.userId)} reminded to publish`;
    case 'escalation_failed':
      return `Escalation failed (${entry.data.code})`;
    case 'message':
    case 'note':
      return voice.written(entry.data);
    case 'followup_added':
      return `Follow-up: ${typed(entry.data.text)}${entry.data.ownerId ? ` (owner ${person(entry.data.ownerId)})` : ''}`;
    case 'followup_done':
      return `Follow-up done: ${typed(entry.data.text)}${entry.data.tracker ? ` (issue closed in ${trackerName(entry.data.tracker)})` : ''}`;
    case 'followup_issue':
      return `Follow-up issue ${literal(entry.data.key)} made in ${trackerName(entry.data.tracker)}: ${literal(entry.data.url)}`;
    case 'followup_issue_refused':
      return `${trackerName(entry.data.tracker)} refused the follow-up's issue (HTTP ${entry.data.status}: ${literal(cutText(entry.data.reason, 200))})`;
    case 'paged': {
      const { action, level } = entry.data;
      const what = action === 'trigger' ? 'Paged' : action === 'acknowledge' ? 'Acknowledged' : 'Resolved';
      return `${what} in PagerDuty (level ${level})`;
    }
    case 'alert_firing':
      return `${entry.data.again ? 'Firing again' : 'Alert firing'}: ${literal(entry.data.alert)}`;
    case 'alert_resolved':
      return `${entry.data.source} reports resolved: ${entry.data.alerts.map(literal).join(', ')}`;
    case 'alert_severity_unknown':
      return `Severity label "${literal(cutText(entry.data.label, 40))}" is not known; declared as ${entry.data.severity}`;
    case 'key_time_corrected': {
      const { label, from, to } = entry.data;
      return `${label} corrected to ${voice.time(to)}${from === null ? '' : ` (was ${voice.time(from)})`}`;
    }
    case 'postmortem_step_done':
      return stepDoneText(entry.data.step);
    case 'postmortem_uploaded':
      return `${entry.data.draft ? 'Postmortem draft' : 'Postmortem'} shared (${literal(entry.data.fileName)})`;
    case 'service_added':
      return `Affected service added: ${literal(entry.data.name)}`;
    case 'service_removed':
      return `Affected service removed: ${literal(entry.data.name)}`;
    case 'service_unknown':
      return `${literal(entry.data.source)} named service "${literal(cutText(entry.data.name, 60))}", which is not in the catalog`;
    case 'statuspage_published':
      return `Published to the status page as ${status(entry.data.status)}: ${literal(entry.data.body)}`;
    case 'checklist_attached':
      return `Checklist attached: ${literal(entry.data.title)} (${entry.data.items} item${entry.data.items === 1 ? '' : 's'})${entry.data.rule ? ` by rule ${literal(entry.data.rule)}` : ''}`;
    case 'checklist_item_added':
      return `Task added: ${typed(entry.data.text)}${entry.data.ownerId ? ` (owner ${person(entry.data.ownerId)})` : ''}`;
    case 'checklist_item_ticked':
      // An item added in the channel is what someone typed; a policy's item is the operator's plain text.
      return `${entry.data.done ? 'Done' : 'No longer done'}: ${entry.data.listId === '' ? typed(entry.data.text) : literal(entry.data.text)}`;
    case 'linked':
      return `${LINK_WORDS[entry.data.link]} #${entry.data.otherId} ${literal(entry.data.otherTitle)}`;
    case 'rule_action':
      return ruleActionSentence(entry.data, voice);
    case 'commander_briefed':
      return `${person(entry.data.to)} briefed as the new commander`;
  }
}
