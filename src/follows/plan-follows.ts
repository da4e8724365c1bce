import type { Policy } from '../config/policy';
import type { AfterChange } from '../incidents/after-change';
import type { Incident } from '../incidents/incident.types';
import type { Tx } from '../store';
import { followingFor, severitiesAtOrBelow } from './subscriptions';

/**
 * The after-change listener of following, in the change's own transaction: a declaration, a
 * severity change or services added follow the incident for every subscription it now matches
 * (and owe each a "you follow it" DM); a status update or the resolution owes each follower one DM,
 * keyed by the update, so a redelivered or retried request owes nothing twice. The resolution ends
 * every follow: it is the last news. `owed` runs once the transaction has committed.
 */
export function planFollows(deps: { policy: Policy; owed: () => void }): AfterChange {
  const { policy, owed } = deps;
  return async (incident, change, tx) => {
    let added = 0;
    if (incident.resolvedAt === null && (change.declared || change.severityChanged || change.servicesAdded.length > 0))
      added += await followBySubscription(incident, change.at, tx, policy);
    if (change.updateId !== null) {
      const followers = (await tx.follows.followers(incident.id))
        .map((f) => f.userId)
        // Whoever posted the update knows what it says.
        .filter((userId) => userId !== change.actorId);
      added += await tx.follows.owe(
        { incidentId: incident.id, step: `update-${change.updateId}`, updateId: change.updateId, at: change.at },
        followers,
      );
      if (change.resolved) await tx.follows.endAll(incident.id, change.at);
    }
    if (added > 0) tx.afterCommit(owed);
  };
}

async function followBySubscription(incident: Incident, at: number, tx: Tx, policy: Policy): Promise<number> {
  const services = await tx.incidentServices.of(incident.id);
  const candidates = [
    ...(await tx.follows.subscriptionsOn('service', services)),
    ...(await tx.follows.subscriptionsOn('severity', severitiesAtOrBelow(policy, incident.severity))),
  ];
  let added = 0;
  for (const subscription of followingFor(candidates, incident, services, policy)) {
    if (!(await tx.follows.followFor(incident.id, subscription.userId, subscription.id, at))) continue;
    added += await tx.follows.owe({ incidentId: incident.id, step: 'followed', updateId: null, at }, [
      subscription.userId,
    ]);
  }
  return added;
}
