import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Logger } from '../logger';
import type { Repositories } from '../store';
import type { ConversationPort } from './conversation.port';
import { type Incident, isOpen } from './incident.types';
import type { HomeOverview, IncidentOverview } from './overview.types';
import { incidentStats, STATS_WINDOW_MS } from './stats';
import { canSee, isInvolved, type MembershipLookup, visibleTo } from './visibility';

export interface OverviewDeps {
  store: Repositories<'incidents' | 'followups'>;
  conversation: Pick<ConversationPort, 'isMember'>;
  policy: Policy;
  clock: Clock;
  logger: Logger;
}

export type OverviewService = ReturnType<typeof createOverviewService>;

/** Read-only views across incidents: what status, list and the Home tab show, filtered by who asks. */
export function createOverviewService({ store, conversation, policy, clock, logger }: OverviewDeps) {
  /** One viewer's channel memberships, each asked of the chat platform at most once per request. */
  function membershipOf(viewer: string): MembershipLookup {
    const asked = new Map<string, Promise<boolean>>();
    return (channelId) => {
      let answer = asked.get(channelId);
      if (!answer) {
        answer = conversation.isMember(channelId, viewer).catch((error: unknown) => {
          // Fails closed: when nobody can say who is in a private incident's channel, it stays hidden.
          logger.warn({ channelId, err: error }, 'could not check channel membership');
          return false;
        });
        asked.set(channelId, answer);
      }
      return answer;
    };
  }

  return {
    async status(incident: Incident): Promise<IncidentOverview> {
      return { incident, openFollowups: await store.followups.countOpen(incident.id), now: clock.now() };
    },

    /** Open incidents, or with `all` the last 30 days' too (the stats' window; open ones however old), newest first, as the viewer may see them. */
    async list(viewer: string, scope: { all: boolean }): Promise<{ incidents: Incident[]; now: number }> {
      const now = clock.now();
      const rows = scope.all
        ? await store.incidents.listRecent(now - STATS_WINDOW_MS)
        : await store.incidents.listOpen(500);
      return { incidents: await visibleTo(rows, viewer, policy, membershipOf(viewer)), now };
    },

    /** Whether the viewer may see this one incident (a private one only its people and members). */
    canSee(incident: Incident, viewer: string): Promise<boolean> {
      return canSee(incident, viewer, policy, membershipOf(viewer));
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
      return {
        mine: open.filter((i) => isInvolved(i, viewer)),
        others: open.filter((i) => !isInvolved(i, viewer)),
        stats: incidentStats(seen, policy, now),
        now,
      };
    },
  };
}
