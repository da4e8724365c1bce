import type { Policy } from '../../config/policy';
import type { CommanderBriefing } from '../../handoffs/commander-briefing';
import { channelLink, incidentRef, severityLabel, statusLabel } from './incident-format';
import { header, section, type SlackMessage } from './kit';
import { readableSlackText } from '../text/slack-text';
import { escapeMrkdwn, notificationText, safeMrkdwn, slackDate, truncate } from './text';
import { timelineEntryText } from './timeline-entry-text';

/** A section holds 3,000 characters: at most this many lines of at most LINE characters each. */
const MAX_LINES = 12;
const LINE = 200;

/** An entry's sentence as readable text (people by id, as the timeline command shows unknown names), escaped. */
const entryLine = (e: CommanderBriefing['lastHour'][number]) =>
  escapeMrkdwn(
    truncate(readableSlackText(timelineEntryText(e), { person: () => undefined }).replace(/\s+/g, ' '), LINE),
  );

function list(title: string, lines: string[], none: string): string {
  const shown = lines.slice(-MAX_LINES);
  const more = lines.length > shown.length ? `_…${lines.length - shown.length} earlier not shown_\n` : '';
  return `*${title}*\n${shown.length > 0 ? `${more}${shown.join('\n')}` : `_${none}_`}`;
}

/** The new commander's briefing: where the incident stands, the last hour, what is open and what is due next. */
export function commanderBriefingMessage(
  b: CommanderBriefing,
  policy: Pick<Policy, 'severities' | 'timezone'>,
): SlackMessage {
  const when = (ms: number) => slackDate(ms, policy.timezone, '{time}');
  const { incident } = b;
  const lastHour = b.lastHour.map((e) => `• ${when(e.at)} ${entryLine(e)}`);
  const followups = b.followups.map((f) => {
    const owner = f.ownerId ? `<@${f.ownerId}>` : 'no owner';
    const due = f.dueAt === null ? '' : `, due ${slackDate(f.dueAt, policy.timezone)}`;
    return `• ${safeMrkdwn(f.text, 150)} (${owner}${due})`;
  });
  const next =
    b.nextUpdateDue === null
      ? 'No update reminder is planned.'
      : `Next update due ${slackDate(b.nextUpdateDue, policy.timezone)}.`;
  const escalation =
    b.nextEscalation === null
      ? 'No escalation is planned.'
      : `Next escalation: ${safeMrkdwn(b.nextEscalation.name, 80)} ${slackDate(b.nextEscalation.dueAt, policy.timezone)}.`;
  return {
    text: notificationText(`You are now the commander of incident #${incident.id}`),
    blocks: [
      header(`You are now the commander of #${incident.id}`),
      section(
        `${incidentRef(incident)} (${channelLink(incident)})\n*Status*: ${statusLabel(incident.status)}, ${severityLabel(policy as Policy, incident.severity)}`,
      ),
      section(`⏱ ${next}\n📣 ${escalation}`),
      section(list('What changed in the last hour', lastHour, 'nothing')),
      section(list('Open follow-ups', followups, 'none')),
    ],
  };
}
