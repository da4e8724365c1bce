import type { Policy } from '../../config/policy';
import { formatDuration } from '../../config/duration';
import type { Incident } from '../../incidents/incident.types';
import { isUpdateOverdue, nextUpdateDue } from '../../incidents/cadence';
import { channelLink, incidentRef, severityLabel, severityMark, statusLabel } from './incident-format';
import { type Block, context, section } from './kit';
import { escapeMrkdwn, slackDate } from './text';

/** "open 2h 5m" or "resolved after 1h 2m": ages are worked out at render time from `now`. */
export function ageText(incident: Incident, now: number): string {
  return incident.resolvedAt !== null
    ? `resolved after ${formatDuration(incident.resolvedAt - incident.declaredAt)}`
    : `open ${formatDuration(now - incident.declaredAt)}`;
}

/** The overdue marker, with the due time in the reader's zone; empty when nothing is overdue. */
export function overdueText(incident: Incident, policy: Policy, now: number): string {
  if (!isUpdateOverdue(incident, policy, now)) return '';
  return `⏰ *Update overdue* (due ${slackDate(nextUpdateDue(incident, policy) as number, policy.timezone, '{time}')})`;
}

/** One incident as a list entry: what it is, where it is, who leads it, how old and whether late. */
export function incidentLine(
  incident: Incident,
  policy: Policy,
  now: number,
  services: readonly string[] = [],
): string {
  const facts = [
    severityLabel(policy, incident.severity),
    statusLabel(incident.status),
    `Commander <@${incident.commanderId}>`,
    ageText(incident, now),
    ...(incident.isPrivate ? ['🔒 private'] : []),
    ...(services.length > 0 ? [`Affects ${services.map(escapeMrkdwn).join(', ')}`] : []),
  ];
  const overdue = overdueText(incident, policy, now);
  return `${severityMark(policy, incident.severity)} *${incidentRef(incident, 150)}* · ${channelLink(incident)}\n${facts.join(' · ')}${overdue ? `\n${overdue}` : ''}`;
}

/** One section per incident, at most `max` of them, then a line saying how many were left out. */
export function incidentBlocks(
  incidents: readonly Incident[],
  policy: Policy,
  now: number,
  max: number,
  more: (n: number) => string,
  services: ReadonlyMap<number, readonly string[]> = new Map(),
): Block[] {
  const shown = incidents.length > max ? incidents.slice(0, Math.max(0, max - 1)) : incidents;
  const blocks = shown.map((i) => section(incidentLine(i, policy, now, services.get(i.id))));
  const left = incidents.length - shown.length;
  if (left > 0) blocks.push(context(more(left)));
  return blocks;
}
