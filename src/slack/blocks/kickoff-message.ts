import type { Policy } from '../../config/policy';
import { formatDuration } from '../../config/duration';
import type { Incident } from '../../incidents/incident.types';
import { nextUpdateDue } from '../../incidents/cadence';
import { isDrill } from '../../incidents/incident-types';
import { ACTION } from './ids';
import { coreFields, incidentHeaderText, incidentRefPlain, statusLabel } from './incident-format';
import { actions, button, context, fields, header, labelled, type SlackMessage } from './kit';
import { escapeMrkdwn, notificationText, slackDate } from './text';
import { declaredByText } from './declarer';
import { nextEscalationText } from './escalation-messages';
import type { NextEscalation } from '../../escalations/escalation.port';
import type { Service } from '../../catalog/catalog.types';
import { affectedServicesBlock } from './service-messages';
import type { SimilarIncident } from '../../similar/similar.types';
import { similarIncidentsBlocks } from './similar-incidents';
import { bridgeUrl } from '../../paging/paging.config';
import { safeLink } from './tracker-messages';
import { section } from './kit';

/** The pinned summary of the incident: rebuilt from the incident on every change (the headline post). */
export function kickoffMessage(
  incident: Incident,
  policy: Policy,
  next: NextEscalation | null = null,
  services: readonly Service[] = [],
  /** Resolved incidents like this one that anyone in its channel may see ("Is this a known issue?"). */
  similar: readonly SimilarIncident[] = [],
  /** The web console's address, when it runs: the similar incidents' postmortems link there. */
  consoleUrl?: string,
): SlackMessage {
  const tz = policy.timezone;
  const blocks = [
    header(incidentHeaderText(policy, incident)),
    fields(
      ...coreFields(policy, incident),
      `*Declared*\n${slackDate(incident.declaredAt, tz)} ${declaredByText(incident.declaredBy)}`,
      // The other roles, filled or not, so everyone sees who does what and what is missing.
      ...policy.roles
        .filter((role) => role.id !== 'commander')
        .map(
          (role) =>
            `*${escapeMrkdwn(role.name)}*\n${incident.roles[role.id] ? `<@${incident.roles[role.id]}>` : '_unassigned_'}`,
        ),
    ),
    labelled('Impact', incident.impact),
    ...affectedServicesBlock(services),
  ];
  const call = bridgeUrl(policy.bridge, incident);
  if (call && incident.resolvedAt === null) blocks.push(section(`📞 *Call:* ${safeLink(call, 'Join the call')}`));
  if (incident.resolvedAt !== null) {
    blocks.push(
      labelled(
        `Resolved after ${formatDuration(incident.resolvedAt - incident.declaredAt)}`,
        incident.resolution ?? '',
      ),
    );
  } else {
    const due = nextUpdateDue(incident, policy);
    const last = incident.lastUpdateAt ? `Last update ${slackDate(incident.lastUpdateAt, tz)}` : 'No update yet';
    blocks.push(context(due ? `${last} · Next update due ${slackDate(due, tz, '{time}')}` : last));
    if (next) blocks.push(context(nextEscalationText(next, tz)));
    blocks.push(...similarIncidentsBlocks(similar, policy, consoleUrl));
    blocks.push(
      actions(
        'kickoff_actions',
        button('Post update', ACTION.openUpdate, String(incident.id), 'primary'),
        button('Assign role', ACTION.openAssign, String(incident.id)),
        button('Resolve', ACTION.openResolve, String(incident.id), 'danger'),
      ),
    );
  }
  if (incident.isPrivate) blocks.splice(1, 0, context('🔒 Private incident: only people in this channel can see it.'));
  if (isDrill(incident))
    blocks.splice(1, 0, context('🧪 *DRILL*: a practice run. Run it as you would an incident; it is counted nowhere.'));
  if (incident.retroactive)
    blocks.splice(
      1,
      0,
      context('📝 Recorded after it ended: the times are as typed in, and nobody was reminded or paged.'),
    );
  return {
    text: notificationText(
      `${incident.severity} ${isDrill(incident) ? 'DRILL' : 'incident'} ${incidentRefPlain(incident)}: ${statusLabel(incident.status)}`,
      300,
    ),
    blocks,
  };
}
