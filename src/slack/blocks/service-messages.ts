import type { Service } from '../../catalog/catalog.types';
import type { Policy } from '../../config/policy';
import type { Incident } from '../../incidents/incident.types';
import { channelLink, incidentRef, incidentRefPlain, severityLabel } from './incident-format';
import { type Block, section, type SlackMessage } from './kit';
import { escapeMrkdwn, notificationText } from './text';

/** A link in mrkdwn, its label escaped; the URL is the catalog's (checked as http(s) at start-up). */
const link = (url: string, label: string) => `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(label)}>`;

/** "Payments API (runbook · dashboard)": a service as the kick-off and `/incident services` list it. */
export function serviceLine(service: Service): string {
  const links = [
    service.runbook ? link(service.runbook, 'runbook') : '',
    service.dashboard ? link(service.dashboard, 'dashboard') : '',
  ].filter(Boolean);
  return `*${escapeMrkdwn(service.name)}*${links.length > 0 ? ` (${links.join(' · ')})` : ''}`;
}

/** The kick-off's section naming what is hurt; none when nothing is. */
export function affectedServicesBlock(services: readonly Service[]): Block[] {
  if (services.length === 0) return [];
  return [section(`*Affected services*\n${services.map(serviceLine).join('\n')}`)];
}

/** The one short post in a hurt service's team channel. */
export function serviceTeamMessage(incident: Incident, service: Service, policy: Policy): SlackMessage {
  return {
    text: notificationText(`${incidentRefPlain(incident)} affects ${service.name}`),
    blocks: [
      section(
        `🚨 ${severityLabel(policy, incident.severity)} incident ${incidentRef(incident)} affects *${escapeMrkdwn(service.name)}*. Follow it in ${channelLink(incident)}.`,
      ),
    ],
  };
}

/** What `/incident services` answers. */
export function servicesReply(incident: Incident, services: readonly Service[], catalog: readonly Service[]): string {
  const listed =
    services.length === 0
      ? `Incident #${incident.id} has no affected services yet.`
      : `Affected services of incident #${incident.id}:\n${services.map((s) => `• ${serviceLine(s)} \`${s.id}\``).join('\n')}`;
  const others = catalog.filter((s) => !services.some((x) => x.id === s.id)).map((s) => `\`${s.id}\``);
  const how =
    others.length > 0
      ? `Add one with \`/incident services add <id>\` (${others.slice(0, 20).join(', ')}${others.length > 20 ? ', …' : ''}); remove one with \`/incident services remove <id>\`.`
      : services.length > 0
        ? 'Remove one with `/incident services remove <id>`.'
        : '';
  return [listed, how].filter(Boolean).join('\n');
}
