import { cutText } from '../text/cut-text';
import type { AlertNotification, AlertOutcome } from './alert.types';
import type { AlertRoute } from './alerts.config';
import { type AlertsDeps, DESCRIPTION_MAX } from './alerts.deps';
import { compareWithLast } from './changes';
import { severityFor, titleFor } from './routing';

/** The notify route: newly firing alerts of a group become a notice in the route's channel, with a button to declare. */
export function createNotifyRoute(deps: AlertsDeps) {
  const { store, port, policy } = deps;
  const severityIds = policy.severities.map((s) => s.id);

  return {
    async notify(source: string, n: AlertNotification, route: AlertRoute): Promise<AlertOutcome> {
      const { firing } = await store.transaction(async (tx) => {
        const group = await tx.alerts.groupOrNew(source, n.groupKey);
        return compareWithLast(tx, group.id, n.alerts);
      });
      if (firing.length === 0) return n.status === 'resolved' ? 'ignored' : 'repeat';
      const notice = {
        source,
        channelId: route.channel as string,
        title: titleFor(route, n),
        severity: severityFor(policy.alerts, severityIds, route, n.labels).severity,
        description: cutText(n.description, DESCRIPTION_MAX),
        link: n.link,
        alertNames: [...new Set(firing.map((a) => a.name))],
      };
      deps.background(() => port.notify(notice));
      return 'notified';
    },
  };
}
