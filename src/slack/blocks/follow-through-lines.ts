import type { Policy } from '../../config/policy';
import type { Incident } from '../../incidents/incident.types';
import type { Followup } from '../../timeline/timeline.types';
import { incidentRef } from './incident-format';
import { type Block, section } from './kit';
import { LIMITS, safeMrkdwn, slackDate } from './text';
import { issueLink } from './tracker-messages';

/** Lines in one section, as many as fit its text limit, with a count of the rest. */
function oneSection(title: string, lines: string[]): Block {
  let text = title;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i;
    if (text.length + line.length + 40 > LIMITS.sectionText) return section(`${text}\n…and ${rest} more.`);
    text += `\n${line}`;
  }
  return section(text);
}

/** The viewer's open follow-ups across incidents: what, where, due when (overdue in bold). */
export function yourFollowupsBlock(
  followups: Array<{ followup: Followup; incident: Incident }>,
  policy: Policy,
  now: number,
): Block {
  const lines = followups.map(({ followup: f, incident }) => {
    const due =
      f.dueAt === null
        ? 'no due date'
        : f.dueAt < now
          ? `*overdue since ${slackDate(f.dueAt, policy.timezone, '{date_short_pretty}')}*`
          : `due ${slackDate(f.dueAt, policy.timezone, '{date_short_pretty}')}`;
    return `• ${safeMrkdwn(f.text, 150)} — ${incidentRef(incident, 60)} · ${due}${f.issue ? ` · ${issueLink(f)}` : ''}`;
  });
  return oneSection('*Your open follow-ups*', lines);
}

/** Resolved incidents whose postmortem has a step past due (runbook 002's deadlines). */
export function postmortemsOverdueBlock(incidents: Incident[], policy: Policy): Block {
  const lines = incidents.map(
    (i) =>
      `• ${incidentRef(i, 80)} — resolved ${slackDate(i.resolvedAt ?? i.declaredAt, policy.timezone, '{date_short_pretty}')}`,
  );
  return oneSection('*📄 Postmortems overdue*', lines);
}
