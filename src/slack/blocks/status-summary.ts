import type { Policy } from '../../config/policy';
import type { IncidentOverview } from '../../incidents/overview.types';
import { nextUpdateDue } from '../../incidents/cadence';
import type { NextEscalation } from '../../escalations/escalation.port';
import { nextEscalationText } from './escalation-messages';
import { ageText, overdueText } from './incident-line';
import { channelLink, coreFields, incidentHeaderText, incidentRefPlain, statusLabel } from './incident-format';
import { context, fields, header, section, type SlackMessage } from './kit';
import { notificationText, safeMrkdwn, slackDate } from './text';

/** Every configured role besides commander, then any held role the policy no longer names. */
function roleLines(roles: Record<string, string>, policy: Policy): string[] {
  const configured = policy.roles.filter((r) => r.id !== 'commander');
  const known = new Set(policy.roles.map((r) => r.id));
  const lines = configured.map(
    (r) => `• ${safeMrkdwn(r.name, 60)}: ${roles[r.id] ? `<@${roles[r.id]}>` : '_unassigned_'}`,
  );
  for (const [id, userId] of Object.entries(roles))
    if (!known.has(id)) lines.push(`• ${safeMrkdwn(id, 30)}: <@${userId}>`);
  return lines;
}

function nextUpdateText(overview: IncidentOverview, policy: Policy): string {
  const { incident, now } = overview;
  if (incident.resolvedAt !== null) return `Resolved ${slackDate(incident.resolvedAt, policy.timezone)}`;
  const due = nextUpdateDue(incident, policy);
  if (due === null) return `No cadence for ${incident.severity}`;
  return overdueText(incident, policy, now) || slackDate(due, policy.timezone, '{time}');
}

/** `/incident status`: the incident at a glance, for the person who asked. */
export function statusSummaryMessage(
  overview: IncidentOverview,
  policy: Policy,
  next: NextEscalation | null = null,
): SlackMessage {
  const { incident, now } = overview;
  const tz = policy.timezone;
  const roles = roleLines(incident.roles, policy);
  const blocks = [
    header(incidentHeaderText(policy, incident)),
    fields(
      ...coreFields(policy, incident),
      `*Age*\n${ageText(incident, now)} (declared ${slackDate(incident.declaredAt, tz)})`,
      `*Last update*\n${incident.lastUpdateAt !== null ? slackDate(incident.lastUpdateAt, tz) : 'None yet'}`,
      `*Next update due*\n${nextUpdateText(overview, policy)}`,
      `*Open follow-ups*\n${overview.openFollowups}`,
      `*Next escalation*\n${next ? nextEscalationText(next, tz).replace('🪜 Next escalation: ', '') : 'None on the clock'}`,
    ),
    ...(roles.length > 0 ? [section(`*Roles*\n${roles.join('\n')}`)] : []),
    context(
      `${channelLink(incident)}${incident.isPrivate ? ' · 🔒 private incident' : ''} · \`/incident timeline\` for what happened`,
    ),
  ];
  return { text: notificationText(`Status of ${incidentRefPlain(incident)}: ${statusLabel(incident.status)}`), blocks };
}
