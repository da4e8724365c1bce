import type { Service } from '../catalog/catalog.types';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { isPerson } from './actors';
import type { ConversationPort } from './conversation.port';
import type { StepProblem } from './incidents.errors';
import type { Incident } from './incident.types';
import type { ServiceTeamsPort } from './service-teams.port';
import { stepRunner } from './step-runner';

export interface ServiceReachDeps {
  conversation: Pick<ConversationPort, 'invite' | 'isMember'>;
  teams?: ServiceTeamsPort;
  /** The primary on call in a rotation at a time; null when there is no such rotation. */
  onCallPrimary?: (rotation: string, at: number) => string | null;
  clock: Clock;
  logger: Logger;
}

/** The service's rotation's primary now, if it has a rotation and one is configured by that name. */
export function servicePrimary(deps: Pick<ServiceReachDeps, 'onCallPrimary'>, service: Service, at: number) {
  return service.oncall ? (deps.onCallPrimary?.(service.oncall, at) ?? null) : null;
}

/**
 * What follows in the chat platform once services are added to an incident: their owners and
 * their rotations' primaries are invited (each person once, and nobody already in the channel),
 * each team channel gets one short post (not for a private incident, which must not be seen
 * from outside), and runbooks and dashboards are bookmarked in the incident channel. Each part is
 * a step of its own: one failing is a problem reported, and the rest still run.
 */
export function createServiceReach(deps: ServiceReachDeps) {
  const { conversation, teams, clock, logger } = deps;

  async function peopleOf(incident: Incident, services: Service[], attempt: Attempt): Promise<string[]> {
    const wanted = new Set<string>();
    const groups = [...new Set(services.flatMap((s) => (s.owners.usergroup ? [s.owners.usergroup] : [])))];
    await Promise.all(
      groups.map((group) =>
        attempt('service_owners', async () => {
          for (const member of (await teams?.groupMembers(group)) ?? []) wanted.add(member);
        }),
      ),
    );
    const now = clock.now();
    for (const service of services) {
      for (const user of service.owners.users) wanted.add(user);
      const primary = servicePrimary(deps, service, now);
      if (primary) wanted.add(primary);
    }
    // The declarer, the commander and the role holders are invited as such; asking again is noise.
    const already = new Set([incident.declaredBy, incident.commanderId, ...Object.values(incident.roles)]);
    const channelId = incident.channelId as string;
    const candidates = [...wanted].filter((id) => isPerson(id) && !already.has(id));
    const inChannel = await Promise.all(
      candidates.map((id) => conversation.isMember(channelId, id).catch(() => false)),
    );
    return candidates.filter((_, i) => !inChannel[i]);
  }

  return {
    /** Reaches the teams of `services` (those just added); returns what could not be done. */
    async reach(incident: Incident, services: Service[]): Promise<StepProblem[]> {
      if (services.length === 0 || !incident.channelId) return [];
      const channelId = incident.channelId;
      const { problems, attempt } = stepRunner(logger, incident.id, 'affected services');
      const invited = (async () => {
        const people = await peopleOf(incident, services, attempt);
        if (people.length > 0) await attempt('service_invite', () => conversation.invite(channelId, people));
      })();
      const posts = services.flatMap((service) => {
        const steps: Promise<void>[] = [];
        if (service.channel && !incident.isPrivate && teams) {
          const key = { incidentId: incident.id, step: `service-${service.id}`, mayExist: false };
          steps.push(attempt('service_post', () => teams.tellTeam(incident, service, key)));
        }
        const links = [
          service.runbook && { title: `${service.name} runbook`, url: service.runbook },
          service.dashboard && { title: `${service.name} dashboard`, url: service.dashboard },
        ].filter((l): l is { title: string; url: string } => Boolean(l));
        for (const link of links) steps.push(attempt('bookmark', async () => teams?.bookmark(channelId, link)));
        return steps;
      });
      await Promise.all([invited, ...posts]);
      return problems;
    },
  };
}

type Attempt = ReturnType<typeof stepRunner>['attempt'];
export type ServiceReach = ReturnType<typeof createServiceReach>;
