import { severityRank, type Policy } from '../config/policy';
import type { Incident } from '../incidents/incident.types';
import { cutText } from '../text/cut-text';
import type { PagerAction } from '../store/pager-events.repository';

/** The one key PagerDuty groups an incident's events by: this install's, this incident's. */
export const dedupKeyOf = (install: string, incidentId: number) => `commander:${install}:incident:${incidentId}`;

/** Commander's severities in order, as PagerDuty's four: the first is critical, the next error… */
export function pagerSeverity(policy: Policy, severityId: string): 'critical' | 'error' | 'warning' | 'info' {
  const rank = severityRank(policy, severityId);
  return (['critical', 'error', 'warning'] as const)[rank] ?? 'info';
}

/**
 * What is queued for one event: the ladder it came from (whose level holds the routing key, read
 * at each attempt so the key is never stored) and the Events API v2 body without `routing_key`.
 * Fixed when queued: every retry sends the same event.
 */
export function queuedEvent(o: {
  action: PagerAction;
  dedupKey: string;
  ladder: string;
  incident: Incident;
  policy: Policy;
  link: string | null;
  at: number;
}): string {
  const links = o.link ? [{ href: o.link, text: `Incident #${o.incident.id} in Slack` }] : [];
  const event =
    o.action === 'trigger'
      ? {
          event_action: 'trigger',
          dedup_key: o.dedupKey,
          payload: {
            summary: cutText(`#${o.incident.id} ${o.incident.severity}: ${o.incident.title}`, 1024),
            source: 'commander',
            severity: pagerSeverity(o.policy, o.incident.severity),
            timestamp: new Date(o.at).toISOString(),
            component: o.incident.channelName ?? undefined,
            class: o.incident.type,
            custom_details: {
              incident: o.incident.id,
              severity: o.incident.severity,
              commander: o.incident.commanderId,
            },
          },
          links,
        }
      : { event_action: o.action, dedup_key: o.dedupKey };
  return JSON.stringify({ ladder: o.ladder, event });
}
