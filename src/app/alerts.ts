import type { AlertsWiring } from './alerts-wired';
import type * as AlertsWired from './alerts-wired';

/**
 * Alerts in: the endpoints and the processing of what they record (alerts-wired.ts). With no
 * source configured, none of it is loaded at start-up; what an earlier configuration left behind
 * (notifications not yet processed, notices not yet posted) is still worked through, from the first
 * drain (at start, or a tick) that finds some.
 */
export function composeAlerts(deps: AlertsWiring): {
  routes: ReturnType<typeof AlertsWired.wireAlerts>['routes'];
  drain: () => Promise<number>;
} {
  const wire = () => (require('./alerts-wired') as typeof AlertsWired).wireAlerts(deps);
  if (deps.policy.alerts.sources.length > 0) return wire();
  let wired: ReturnType<typeof wire> | undefined;
  return {
    routes: [],
    async drain() {
      if (!wired && !(await deps.store.alerts.anyUnfinished())) return 0;
      wired ??= wire();
      return wired.drain();
    },
  };
}
