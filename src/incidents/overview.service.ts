import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Logger } from '../logger';
import type { Repositories } from '../store';
import type { ConversationPort } from './conversation.port';
import { type Incident, isOpen } from './incident.types';
import type { HomeOverview, IncidentOverview } from './overview.types';
import { incidentStats, STATS_WINDOW_MS } from './stats';
import { servicesNamed } from './affected-services';
import { canSee, isInvolved, type MembershipLookup, visibleTo } from './visibility';

export interface OverviewDeps {
  store: Repositories<'incidents' | 'incidentServices' | 'followups' | 'postmortemSteps'>;
  conversation: Pick<ConversationPort, 'isMember'>;
  policy: Policy;
  clock: Clock;
  logger: Logger;
}

export type OverviewService = ReturnType<typeof createOverviewService>;

/** Read-only views across incidents: what status, list and the Home tab show, filtered by who asks. */
export function createOverviewService({ store, conversation, policy, clock, logger }: OverviewDeps) {
  /**
   * One viewer's channel memberships, each asked of the chat platform at most once per request
   * (and with `confirm`, asked of it rather than taken from what the app remembers).
   */
  function membershipOf(viewer: string, how: { confirm: boolean } = { confirm: false }): MembershipLookup {
    const asked = new Map<string, Promise<boolean>>();
    return (channelId) => {
      let answer = asked.get(channelId);
      if (!answer) {
        answer = conversation.isMember(channelId, viewer, how).catch((error: unknown) => {
          // Fails closed: when nobody can say who is in a private incident's channel, it stays hidden.
          logger.warn({ channelId, err: error }, 'could not check channel membership');
          return false;
        });
        asked.set(channelId, answer);
      }
      return answer;
    };
  }

  /** Resolved incidents with a postmortem step past due. */
  const overdue = async (now: number): Promise<Incident[]> => {
    const found: Incident[] = [];
    for (const id of await store.postmortemSteps.overdueIncidents(now)) {
      const incident = await store.incidents.get(id);
      if (incident && incident.resolvedAt !== null) found.push(incident);
    }
    return found;
  };

  return {
    async status(incident: Incident): Promise<IncidentOverview> {
      return { incident, openFollowups: await store.followups.countOpen(incident.id), now: clock.now() };
    },

    /** Open incidents, or with `all` the last 30 days' too (the stats' window; open ones however old), newest first, as the viewer may see them. */
    async list(
      viewer: string,
      scope: { all: boolean; service?: string },
    ): Promise<{
      incidents: Incident[];
      now: number;
      postmortemsOverdue: Incident[];
      /** The listed incidents' affected services (catalog names), by incident id. */
      services: Map<number, string[]>;
    }> {
      const now = clock.now();
      let rows = scope.all
        ? await store.incidents.listRecent(now - STATS_WINDOW_MS)
        : await store.incidents.listOpen(500);
      const ids =
        rows.length > 0
          ? await store.incidentServices.ofIncidentsFrom(Math.min(...rows.map((r) => r.id)))
          : new Map<number, string[]>();
      if (scope.service !== undefined) rows = rows.filter((r) => ids.get(r.id)?.includes(scope.service as string));
      const services = new Map([...ids].map(([id, list]) => [id, servicesNamed(policy, list).map((s) => s.name)]));
      const members = membershipOf(viewer);
      return {
        incidents: await visibleTo(rows, viewer, policy, members),
        services,
        now,
        postmortemsOverdue: await visibleTo(await overdue(now), viewer, policy, members),
      };
    },

    /**
     * Whether the viewer may see this one incident (a private one only its people and members);
     * `confirm` when they are about to add to it (see permissions.ts's AccessNeed).
     */
    canSee(incident: Incident, viewer: string, how?: { confirm: boolean }): Promise<boolean> {
      return canSee(incident, viewer, policy, membershipOf(viewer, how));
    },

    async home(viewer: string): Promise<HomeOverview> {
      const now = clock.now();
      // Stats count only what the viewer may see, so they do not give away a private incident.
      const seen = await visibleTo(
        await store.incidents.listRecent(now - STATS_WINDOW_MS),
        viewer,
        policy,
        membershipOf(viewer),
      );
      const open = seen.filter(isOpen);
      const members = membershipOf(viewer);
      const followups = [];
      for (const followup of await store.followups.openOwnedBy(viewer)) {
        const incident = await store.incidents.get(followup.incidentId);
        if (incident && (await canSee(incident, viewer, policy, members))) followups.push({ followup, incident });
      }
      return {
        mine: open.filter((i) => isInvolved(i, viewer)),
        others: open.filter((i) => !isInvolved(i, viewer)),
        stats: incidentStats(seen, policy, now),
        now,
        followups,
        postmortemsOverdue: await visibleTo(await overdue(now), viewer, policy, members),
      };
    },
  };
}
