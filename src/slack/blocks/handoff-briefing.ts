import type { Policy } from '../../config/policy';
import { formatDuration } from '../../config/duration';
import type { Briefing } from '../../handoffs/briefing';
import { channelLink, incidentRef, severityLabel, statusLabel } from './incident-format';
import { context, header, section, type SlackMessage } from './kit';
import { notificationText, plain, safeMrkdwn, slackDate } from './text';

/** Slack holds at most 50 blocks a message: each list is cut to this many lines, the rest counted. */
const MAX_LINES = 15;

function list(title: string, lines: string[], none: string): string {
  const shown = lines.slice(0, MAX_LINES);
  const more = lines.length > shown.length ? `\n…and ${lines.length - shown.length} more` : '';
  return `*${title}*\n${shown.length > 0 ? shown.join('\n') : `_${none}_`}${more}`;
}

/**
 * The hand-off briefing, in runbook 001's hand-off document order: ongoing issues, recent
 * incidents (the shift that ended), follow-ups, scheduled changes (maintenance and overrides in the
 * coming shift), the outgoing primary's notes, open alerts (the shift's alerts).
 */
export function handoffBriefingMessage(b: Briefing, policy: Pick<Policy, 'severities'>): SlackMessage {
  const when = (ms: number) => slackDate(ms, b.timezone);
  const ongoing = b.ongoing.map(({ incident, nextUpdateDue }) => {
    const last = incident.lastUpdateAt === null ? 'no update yet' : `last update ${when(incident.lastUpdateAt)}`;
    const next = nextUpdateDue === null ? '' : `, next due ${when(nextUpdateDue)}`;
    return `• ${incidentRef(incident)} (${channelLink(incident)}): ${severityLabel(policy as Policy, incident.severity)}, ${statusLabel(incident.status)}, commander <@${incident.commanderId}>, ${last}${next}`;
  });
  const lastShift = b.lastShift.map(({ incident, duration, postmortemDue }) => {
    const lasted = duration === null ? 'still open' : `lasted ${formatDuration(duration)}`;
    const postmortem = postmortemDue === null ? '' : `, postmortem due ${when(postmortemDue)}`;
    return `• ${incidentRef(incident)}: ${lasted}${postmortem}`;
  });
  const followups = b.followups.map(({ followup, incident, overdue }) => {
    const owner = followup.ownerId ? `<@${followup.ownerId}>` : 'no owner';
    const due = followup.dueAt === null ? '' : `${overdue ? 'overdue since' : 'due'} ${when(followup.dueAt)}`;
    return `• ${safeMrkdwn(followup.text, 200)} (${incidentRef(incident, 80)}): ${owner}, ${due}`;
  });
  const overrides = b.overrides.map((o) => `• <@${o.user}> is primary from ${when(o.from)} to ${when(o.to)}`);
  const maintenance = b.maintenance.map(
    (m) => `• ${safeMrkdwn(m.title, 200)}: ${when(m.startsAt)} to ${when(m.endsAt)}`,
  );
  const { received, declared, dropped } = b.alerts;
  const alerts = `*Alerts in the last shift*\n${received} received, ${declared} declared an incident, ${dropped} dropped`;
  const from = b.outgoing ? ` from <@${b.outgoing}>` : '';
  const notesBy = b.outgoing ? `Notes from <@${b.outgoing}>` : 'Notes';
  const notes = b.notes ? `*${notesBy}*\n${safeMrkdwn(b.notes, 2_500)}` : `*${notesBy}*\n_none left_`;
  return {
    text: notificationText(`Hand-off on ${plain(b.rotation, 40)}: ${b.ongoing.length} ongoing incident(s)`),
    blocks: [
      header(`Hand-off: ${plain(b.rotation, 40)}`),
      section(`<@${b.incoming}> takes over as primary${from}, ${when(b.at)}.`),
      section(list('Ongoing incidents', ongoing, 'none')),
      section(list('Incidents of the last shift', lastShift, 'none')),
      section(list('Follow-ups overdue or due this week', followups, 'none')),
      section(list('Scheduled maintenance in the coming shift', maintenance, 'none')),
      section(list('Overrides in the coming shift', overrides, 'none')),
      section(notes),
      section(alerts),
      context('Private incidents are not listed here.'),
    ],
  };
}
