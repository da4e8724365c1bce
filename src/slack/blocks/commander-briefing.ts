import type { Policy } from '../../config/policy';
import type { CommanderBriefing } from '../../handoffs/commander-briefing';
import { channelLink, incidentRef, severityLabel, statusLabel } from './incident-format';
import { header, section, type SlackMessage } from './kit';
import { type EntryVoice, entrySentence } from '../../postmortem/entry-sentence';
import { richMrkdwn } from '../text/rich-mrkdwn';
import { readableSlackText } from '../text/slack-text';
import { escapeMrkdwn, notificationText, safeMrkdwn, slackDate, truncate } from './text';

/** A section holds 3,000 characters: at most this many lines of at most LINE characters each. */
const MAX_LINES = 12;
const LINE = 200;

/** What people wrote, on one line, cut, with its markup made readable and escaped (a briefing pings nobody). */
const said = (text: string) =>
  escapeMrkdwn(truncate(readableSlackText(text, { person: () => undefined }).replace(/\s+/g, ' '), LINE));

/** Entries as the briefing says them: people as mentions, everything written by others escaped. */
const voice = (timezone: string): EntryVoice => ({
  person: (userId) => `<@${userId}>`,
  usergroup: (groupId) => `<!subteam^${groupId}>`,
  typed: said,
  written: (d) => said(d.source),
  literal: (text) => safeMrkdwn(text, LINE),
  rich: richMrkdwn,
  time: (ms) => slackDate(ms, timezone),
});

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
  const lastHour = b.lastHour.map((e) => `• ${when(e.at)} ${entrySentence(e, voice(policy.timezone))}`);
  const followups = b.followups.map((f) => {
    const owner = f.ownerId ? `<@${f.ownerId}>` : 'no owner';
    const due = f.dueAt === null ? '' : `, due ${slackDate(f.dueAt, policy.timezone)}`;
    return `• ${safeMrkdwn(f.text, 150)} (${owner}${due})`;
  });
  const next =
    b.nextUpdateDue === null
      ? 'No update reminder is planned.'
      : b.nextUpdateDue <= b.at
        ? `An update is overdue: it was due ${slackDate(b.nextUpdateDue, policy.timezone)}.`
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
