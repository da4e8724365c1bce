import { formatDuration } from '../../config/duration';
import type { Policy } from '../../config/policy';
import type { SimilarIncident } from '../../similar/similar.types';
import { channelLink, incidentRef } from './incident-format';
import { type Block, section } from './kit';
import { safeMrkdwn, slackDate } from './text';

/** The block_id of the suggestions in the declare form, replaced each time the title changes. */
export const SIMILAR_BLOCK = 'similar_incidents';

/** A root cause on one line, as written: the first line, shortened. */
const oneLine = (text: string | null): string => {
  const first =
    (text ?? '')
      .split(/\r?\n/)
      .find((l) => l.trim())
      ?.trim() ?? '';
  return first ? safeMrkdwn(first, 140) : '_no root cause written_';
};

/**
 * One past incident: number, title, when, how long, its root cause, its channel and postmortem: on the
 * web console when it runs (`consoleUrl`, its WEB_BASE_URL), else the command that posts it.
 */
export function similarIncidentLine(
  { incident, durationMs }: SimilarIncident,
  policy: Policy,
  consoleUrl?: string,
): string {
  const where = channelLink(incident);
  const postmortem = consoleUrl
    ? `<${consoleUrl.replace(/\/+$/, '')}/incidents/${incident.id}/postmortem|postmortem>`
    : `postmortem: \`/incident postmortem\` in ${where}`;
  return [
    `• *${incidentRef(incident, 80)}* · ${slackDate(incident.declaredAt, policy.timezone, '{date_short_pretty}')} · lasted ${formatDuration(durationMs)}`,
    `   Root cause: ${oneLine(incident.rootCause)}`,
    `   Channel ${where} · ${postmortem}`,
  ].join('\n');
}

/** "Is this a known issue?": the similar resolved incidents as one section, or nothing when there are none. */
export function similarIncidentsBlocks(
  found: readonly SimilarIncident[],
  policy: Policy,
  consoleUrl?: string,
): Block[] {
  if (found.length === 0) return [];
  return [
    {
      ...section(
        [`*Similar past incidents*`, ...found.map((f) => similarIncidentLine(f, policy, consoleUrl))].join('\n'),
      ),
      block_id: SIMILAR_BLOCK,
    } as Block,
  ];
}
