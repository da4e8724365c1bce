import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Repositories } from '../store';
import { firingsFor, type RuleEvent } from './decide';
import { viewOf } from './incident-view';
import type { Rule } from './rules.config';

type Deps = {
  store: Repositories<'incidents' | 'incidentServices' | 'ruleFirings'>;
  policy: Policy;
  clock: Clock;
};

/**
 * The timed triggers, found by the scheduler at each tick: incidents with no update for a rule's
 * `no_update_for` (one occurrence per silent stretch, counted from the last update or the
 * declaration), and follow-ups still open `followup_overdue` past their due date (one per
 * follow-up). Each is recorded as a firing like the change triggers' (the table's key makes it
 * once, whichever replica finds it first); the firings' job then runs the actions.
 */
export function createTimedTriggers({ store, policy, clock }: Deps) {
  const timed = policy.rules.filter((r): r is Rule & { on: { timed: string; after: number } } => 'timed' in r.on);

  async function fire(rule: Rule, incidentId: number, event: RuleEvent, at: number): Promise<boolean> {
    const incident = await store.incidents.get(incidentId);
    if (!incident || incident.retroactive) return false;
    const view = viewOf(incident, await store.incidentServices.of(incidentId), policy.services);
    let fired = false;
    for (const firing of firingsFor([rule], event, view, policy.services))
      fired = (await store.ruleFirings.fireOnce({ incidentId, ...firing, at })) !== null || fired;
    return fired;
  }

  return {
    /** Records the timed firings now due; how many. */
    async find(): Promise<number> {
      const now = clock.now();
      let count = 0;
      for (const rule of timed) {
        if (rule.on.timed === 'no_update_for') {
          for (const { incidentId, since } of await store.ruleFirings.silentSince(now - rule.on.after, rule.name))
            count += Number(
              await fire(rule, incidentId, { trigger: 'no_update_for', occurrence: `silent:${since}` }, now),
            );
        } else {
          for (const { incidentId, followupId } of await store.ruleFirings.overdueFollowups(
            now - rule.on.after,
            rule.name,
          ))
            count += Number(
              await fire(rule, incidentId, { trigger: 'followup_overdue', occurrence: `followup:${followupId}` }, now),
            );
        }
      }
      return count;
    },
  };
}
