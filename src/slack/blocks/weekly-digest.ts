import type { Policy } from '../../config/policy';
import { formatDuration } from '../../config/duration';
import type { WeeklyDigestData } from '../../digest/weekly-digest';
import { incidentRef, severityLabel } from './incident-format';
import { context, header, section, type SlackMessage } from './kit';
import { notificationText, safeMrkdwn, slackDate } from './text';

/** Slack holds at most 50 blocks a message and 3,000 characters a section: each list is cut to this many lines, the rest counted. */
const MAX_LINES = 15;

function list(title: string, lines: string[], none: string): string {
  const shown = lines.slice(0, MAX_LINES);
  const more = lines.length > shown.length ? `\n…and ${lines.length - shown.length} more` : '';
  return `*${title}*\n${shown.length > 0 ? shown.join('\n') : `_${none}_`}${more}`;
}

/** A share as people read it: one decimal, as the console's insights give it. */
const percent = (part: number, whole: number) => `${Math.round((part * 1000) / whole) / 10}%`;

/**
 * The weekly digest in the announcement channel, for runbook 002's Monday stand-up: the week's
 * incidents by severity, the median time to resolve, status updates on time, then what is waiting
 * on people (follow-ups overdue with their owners, postmortems due).
 */
export function weeklyDigestMessage(d: WeeklyDigestData, policy: Pick<Policy, 'severities'>): SlackMessage {
  const when = (ms: number) => slackDate(ms, d.timezone);
  const day = (ms: number) => slackDate(ms, d.timezone, '{date_short}');
  const severities = d.bySeverity.map((s) => `${severityLabel(policy as Policy, s.severity)}: ${s.count}`).join('\n');
  const resolve =
    d.medianToResolve === null
      ? 'none of them resolved yet'
      : `${formatDuration(d.medianToResolve)} (median of ${d.resolved} resolved)`;
  const { counted, onTime } = d.updates;
  const updates = counted === 0 ? 'none were due' : `${onTime} of ${counted} (${percent(onTime, counted)})`;
  const followups = d.followupsOverdue.map(({ followup, incident }) => {
    const owner = followup.ownerId ? `<@${followup.ownerId}>` : 'no owner';
    return `• ${safeMrkdwn(followup.text, 200)} (${incidentRef(incident, 80)}): ${owner}, overdue since ${when(followup.dueAt as number)}`;
  });
  const postmortems = d.postmortemsDue.map(
    ({ incident, dueAt }) =>
      `• ${incidentRef(incident, 80)}: <@${incident.commanderId}>, ${dueAt < d.at ? 'overdue since' : 'due'} ${when(dueAt)}`,
  );
  return {
    text: notificationText(
      `Weekly digest: ${d.declared} incident(s), ${d.followupsOverdue.length} follow-up(s) overdue, ${d.postmortemsDue.length} postmortem(s) due`,
    ),
    blocks: [
      header('Weekly incident digest'),
      section(`The week from ${day(d.from)} to ${day(d.at)}.`),
      section(`*Incidents declared: ${d.declared}*\n${severities}`),
      section(`*Median time to resolve:* ${resolve}`),
      section(`*Status updates on time:* ${updates}`),
      section(list('Follow-ups overdue', followups, 'none')),
      section(list('Postmortems due this week or overdue', postmortems, 'none')),
      context('Drills and private incidents are left out.'),
    ],
  };
}
