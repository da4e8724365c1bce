import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Incident } from '../incidents/incident.types';
import { IncidentError } from '../incidents/incidents.errors';
import { type IsMember, requireAccess } from '../incidents/permissions';
import { visibleTo } from '../incidents/visibility';
import type { Repositories } from '../store';
import type { Following, Subscription } from './follows.types';
import { parseWish } from './subscriptions';

export interface FollowsDeps {
  store: Repositories<'follows' | 'incidents'>;
  policy: Policy;
  clock: Clock;
  isMember: IsMember;
}

export type FollowsService = ReturnType<typeof createFollowsService>;

/**
 * Following incidents (docs/following.md): by hand (the announcement's Follow button,
 * `/incident follow`) or by standing subscription (`/incident subscribe service:payments`). Who may
 * follow an incident is who may see it, by the one visibility rule; a refusal says no more than
 * that rule allows.
 */
export function createFollowsService({ store, policy, clock, isMember }: FollowsDeps) {
  const seeable = async (incidentId: number | Incident, userId: string, open: boolean) =>
    requireAccess(
      typeof incidentId === 'number' ? await store.incidents.get(incidentId) : incidentId,
      userId,
      { need: 'see', open, confirmMembership: true },
      policy,
      isMember,
    );

  return {
    /** Follows an open incident; `created` false when the person followed it already (a second click). */
    async follow(incident: number | Incident, userId: string): Promise<{ incident: Incident; created: boolean }> {
      const found = await seeable(incident, userId, true);
      return { incident: found, created: await store.follows.follow(found.id, userId, clock.now()) };
    },

    /** Stops following; `stopped` false when the person was not following it. */
    async unfollow(incident: number | Incident, userId: string): Promise<{ incident: Incident; stopped: boolean }> {
      const found = await seeable(incident, userId, false);
      return { incident: found, stopped: await store.follows.unfollow(found.id, userId, clock.now()) };
    },

    /** A standing subscription to future incidents; an unknown service or severity is refused with a sentence. */
    async subscribe(userId: string, text: string): Promise<{ subscription: Subscription; created: boolean }> {
      const parsed = parseWish(text, policy);
      if (!parsed.ok) throw new IncidentError('invalid_input', parsed.problem);
      return store.follows.subscribe({ userId, ...parsed.wish, createdAt: clock.now() });
    },

    /** Removes one of the person's subscriptions by its number; null when they have none such (removed already). */
    async unsubscribe(userId: string, id: number): Promise<Subscription | null> {
      const mine = (await store.follows.subscriptionsOf(userId)).find((s) => s.id === id);
      if (!mine || !(await store.follows.unsubscribe(userId, id))) return null;
      return mine;
    },

    /** The person's subscriptions, and the open incidents they follow that they may see. */
    async following(userId: string): Promise<Following> {
      const [subscriptions, follows] = await Promise.all([
        store.follows.subscriptionsOf(userId),
        store.follows.followedBy(userId),
      ]);
      const incidents = (await Promise.all(follows.map((f) => store.incidents.get(f.incidentId)))).filter(
        (i): i is Incident => i !== undefined,
      );
      const member = (channelId: string) => isMember(channelId, userId).catch((): boolean => false);
      const seen = await visibleTo(incidents, userId, policy, member);
      const via = new Map(follows.map((f) => [f.incidentId, f.subscriptionId]));
      return {
        subscriptions,
        incidents: seen.map((incident) => ({ incident, subscriptionId: via.get(incident.id) ?? null })),
      };
    },
  };
}
