import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import { alertActor } from '../incidents/actors';
import { entries } from '../timeline/entries';
import type { Declaration, SetupResult } from '../incidents/declare';
import type { Incident } from '../incidents/incident.types';
import { isOpen } from '../incidents/incident.types';
import { keepRenewed, type LeaseHolder, leaseHolderOf, leaseTerms } from '../lease-holder';
import type { Logger } from '../logger';
import type { Store, Tx } from '../store';
import { cutText } from '../text/cut-text';
import type { AlertItem, AlertNotification, AlertOutcome } from './alert.types';
import type { AlertRoute } from './alerts.config';
import type { AlertsPort } from './alerts.port';
import { routeFor, severityFor, titleFor } from './routing';

/** What the alerts domain uses of the incidents service: the one way incidents are declared. */
export interface IncidentsForAlerts {
  /** Stores the incident and answers then; its set-up in the chat platform goes on in `setup`. */
  declareStored(input: {
    key: string;
    title: string;
    severity: string;
    impact: string;
    commanderId: string;
    declaredBy: string;
  }): Promise<Declaration>;
  finishSetup(incidentId: number): Promise<SetupResult>;
  get(id: number): Promise<Incident | undefined>;
}

export interface AlertsDeps {
  store: Store;
  incidents: IncidentsForAlerts;
  port: AlertsPort;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  /** The incidents' on-call primary now, if a rotation is configured. */
  onCallPrimary: (at: number) => string | null;
  /** Runs Slack work after the notification is recorded as processed (tracked so shutdown waits). */
  background: (work: () => Promise<unknown>) => void;
  /** Told each processed notification's outcome (metrics). */
  onOutcome?: (source: string, outcome: AlertOutcome) => void;
  /** This process on the leases it takes (default: the process's own id and policy `leaseFor`). */
  lease?: LeaseHolder;
}

type Changes = { firing: Array<AlertItem & { again: boolean }>; resolved: AlertItem[] };

/** Notifications leased at once; a burst is taken in several (each lease runs from its claim). */
const CLAIM_AT_ONCE = 20;
const IMPACT_MAX = 1_000;

export type AlertsService = ReturnType<typeof createAlertsService>;

/**
 * Works through the recorded notifications in order. Everything that decides (route, group,
 * episode, which alerts are new) happens in one transaction per notification, one notification at
 * a time, so alerts of one group arriving together can never both find "no incident yet" (and two
 * that did would still share the episode's declaration key); the Slack work an outcome needs runs
 * afterwards in the background.
 */
export function createAlertsService(deps: AlertsDeps) {
  const { store, incidents, port, policy, clock, logger } = deps;
  const lease = deps.lease ?? leaseHolderOf(policy);
  const config = policy.alerts;
  const severityIds = policy.severities.map((s) => s.id);
  let draining: Promise<number> | null = null;
  let again = false;

  const by = (incidentId: number, source: string) => ({ incidentId, at: clock.now(), actorId: alertActor(source) });

  /** Records which alerts changed since the last notification of this episode; returns them. */
  async function compare(tx: Tx, groupId: number, alerts: AlertItem[]) {
    const seen = await tx.alerts.fingerprints(groupId);
    const firing: Array<AlertItem & { again: boolean }> = [];
    const resolved: AlertItem[] = [];
    for (const alert of alerts) {
      const before = seen.get(alert.fingerprint);
      if (before === alert.status) continue;
      seen.set(alert.fingerprint, alert.status);
      await tx.alerts.saveFingerprint(groupId, alert.fingerprint, alert.status);
      if (alert.status === 'firing') firing.push({ ...alert, again: before === 'resolved' });
      else resolved.push(alert);
    }
    return { firing, resolved };
  }

  async function recordChanges(tx: Tx, incidentId: number, source: string, changes: Changes): Promise<void> {
    for (const alert of changes.firing) {
      await tx.timeline.append(
        entries.alertFiring(by(incidentId, source), {
          source,
          fingerprint: alert.fingerprint,
          alert: alert.name,
          link: alert.link,
          again: alert.again,
        }),
      );
    }
    if (changes.resolved.length > 0) {
      const names = changes.resolved.map((a) => a.name);
      const fingerprints = changes.resolved.map((a) => a.fingerprint);
      await tx.timeline.append(
        entries.alertResolved(by(incidentId, source), { source, alerts: [...new Set(names)], fingerprints }),
      );
    }
  }

  function postResolved(incidentId: number, source: string, alerts: AlertItem[]): void {
    const alertNames = [...new Set(alerts.map((a) => a.name))];
    deps.background(async () => {
      // The channel may still be being made (a burst declares and resolves at once): wait for it.
      await incidents.finishSetup(incidentId);
      const incident = await incidents.get(incidentId);
      if (incident?.channelId) await port.postResolvedNote(incident, { source, alertNames });
    });
  }

  /** Declares this episode's incident through the declaration use-case; returns its id. */
  async function declareFor(
    source: string,
    n: AlertNotification,
    route: AlertRoute,
    groupId: number,
    key: string,
  ): Promise<number> {
    const choice = severityFor(config, severityIds, route, n.labels);
    const commanderId = route.commander ?? deps.onCallPrimary(clock.now());
    if (!commanderId) throw new Error('no commander: the route names none and no on-call rotation is configured');
    const { incident, setup } = await incidents.declareStored({
      key,
      title: titleFor(route, n),
      severity: choice.severity,
      impact: cutText(n.description, IMPACT_MAX),
      commanderId,
      declaredBy: alertActor(source),
    });
    // The declaration stores the incident before its first Slack call; the channel set-up goes on
    // in the background, so a burst is not held up by Slack's pace of creating channels.
    const incidentId = incident.id;
    deps.background(() =>
      setup.then(
        (r) =>
          r.problems.length > 0 &&
          logger.warn(
            { incidentId, steps: r.problems.map((p) => p.step) },
            'alert incident set-up unfinished; retried',
          ),
        (error: unknown) => logger.error({ err: error, incidentId }, 'alert incident set-up failed'),
      ),
    );
    await store.transaction(async (tx) => {
      await tx.alerts.link(groupId, incidentId);
      if (choice.unknownLabel !== null) {
        const label = cutText(choice.unknownLabel, 100);
        await tx.timeline.append(
          entries.alertSeverityUnknown(by(incidentId, source), { source, label, severity: choice.severity }),
        );
      }
    });
    return incidentId;
  }

  /**
   * Reads the group and decides in one transaction (a check and the write it guards): attach to its
   * open incident, ignore, or declare with the episode's key, recorded before the declaration.
   */
  function decide(source: string, n: AlertNotification) {
    return store.transaction(async (tx) => {
      const group = await tx.alerts.groupOrNew(source, n.groupKey);
      const linked = group.incidentId === null ? undefined : await tx.incidents.get(group.incidentId);
      if (linked && isOpen(linked)) {
        const changes = await compare(tx, group.id, n.alerts);
        await recordChanges(tx, linked.id, source, changes);
        return { kind: 'attached', incident: linked, changes } as const;
      }
      // A declaration this group started but a crash cut short goes on with the same key.
      const unfinished = group.declareKey !== null && group.incidentId === null;
      if (!unfinished && !n.alerts.some((a) => a.status === 'firing')) return { kind: 'ignored' } as const;
      let key = group.declareKey as string;
      if (!unfinished) {
        const episode = group.declareKey === null ? group.episode : group.episode + 1;
        key = `alert:${source}:${group.id}:${episode}`;
        await tx.alerts.startEpisode(group.id, episode, key);
      }
      return { kind: 'declare', declareKey: key, groupId: group.id } as const;
    });
  }

  async function declareOrAttach(source: string, n: AlertNotification, route: AlertRoute): Promise<AlertOutcome> {
    const decided = await decide(source, n);
    if (decided.kind === 'ignored') return 'ignored';
    if (decided.kind === 'attached') {
      const { incident, changes } = decided;
      if (changes.resolved.length > 0) postResolved(incident.id, source, changes.resolved);
      return changes.resolved.length > 0 ? 'resolved_note' : changes.firing.length > 0 ? 'attached' : 'repeat';
    }
    const { groupId, declareKey } = decided;
    const incidentId = await declareFor(source, n, route, groupId, declareKey);
    await store.transaction(async (tx) => recordChanges(tx, incidentId, source, await compare(tx, groupId, n.alerts)));
    return 'declared';
  }

  async function notify(source: string, n: AlertNotification, route: AlertRoute): Promise<AlertOutcome> {
    const { firing } = await store.transaction(async (tx) => {
      const group = await tx.alerts.groupOrNew(source, n.groupKey);
      return compare(tx, group.id, n.alerts);
    });
    if (firing.length === 0) return n.status === 'resolved' ? 'ignored' : 'repeat';
    const notice = {
      source,
      channelId: route.channel as string,
      title: titleFor(route, n),
      severity: severityFor(config, severityIds, route, n.labels).severity,
      description: cutText(n.description, IMPACT_MAX),
      link: n.link,
      alertNames: [...new Set(firing.map((a) => a.name))],
    };
    deps.background(() => port.notify(notice));
    return 'notified';
  }

  async function processOne(source: string, n: AlertNotification): Promise<AlertOutcome> {
    const route = routeFor(config.routes, n.labels);
    if (!route) return 'unrouted';
    if (route.action === 'drop') return 'dropped';
    if (route.action === 'notify') return notify(source, n, route);
    return declareOrAttach(source, n, route);
  }

  /**
   * Leases the next notifications, in order. The claim runs in a transaction (one at a time across
   * replicas) and takes nothing while another replica holds some, so notifications are worked
   * through in order by one replica at a time; one that died leaves its lease to run out.
   */
  function claimBatch() {
    const now = clock.now();
    return store.transaction((tx) => tx.leases.claimDue('alert', now, leaseTerms(lease, now), CLAIM_AT_ONCE));
  }

  async function drainOnce(): Promise<number> {
    let done = 0;
    for (;;) {
      const batch = await claimBatch();
      if (batch.length === 0) return done;
      const waiting = new Set(batch.map((leased) => leased.id));
      const stop = keepRenewed(lease, () =>
        Promise.all([...waiting].map((id) => store.leases.renew('alert', id, leaseTerms(lease, clock.now())))),
      );
      try {
        done += await work(
          batch.map((leased) => leased.id),
          waiting,
        );
      } finally {
        stop();
      }
    }
  }

  /** Processes leased notifications in order; each leaves `waiting` (stops being renewed) once finished. */
  async function work(ids: number[], waiting: Set<number>): Promise<number> {
    let done = 0;
    for (const id of ids) {
      const row = await store.alerts.notification(id);
      if (!row) continue;
      let outcome: AlertOutcome;
      try {
        outcome = await processOne(row.source, row.notification);
      } catch (error) {
        // A notification that cannot be processed is set aside, not retried forever ahead of the rest.
        logger.error(
          { err: error, notification: row.id, source: row.source },
          'alert notification could not be processed',
        );
        outcome = 'failed';
      }
      waiting.delete(id);
      const finished = await store.transaction(async (tx) => {
        if (!(await tx.leases.release('alert', row.id, lease.owner))) return false;
        await tx.alerts.finish(row.id, clock.now(), outcome);
        return true;
      });
      if (finished) {
        deps.onOutcome?.(row.source, outcome);
        logger.info({ notification: row.id, source: row.source, outcome }, 'alert notification processed');
        done++;
      }
      // Let waiting requests in between notifications: a burst is still being answered while it is worked through.
      await nextTurn();
    }
    return done;
  }

  return {
    /** Stores a notification the endpoint accepted; the caller then answers 202 and calls drain(). */
    record(source: string, n: AlertNotification): Promise<number> {
      return store.alerts.record(source, n.kind, clock.now(), n);
    },
    /**
     * Processes every recorded notification not yet done (after a burst, at start, on each tick).
     * One run at a time: a call during a run makes that run look again before it ends.
     */
    drain(): Promise<number> {
      if (draining) {
        again = true;
        return draining;
      }
      const run = async () => {
        let total = 0;
        do {
          again = false;
          total += await drainOnce();
        } while (again);
        return total;
      };
      draining = run().finally(() => {
        draining = null;
      });
      return draining;
    },
    pendingCount: () => store.alerts.pendingCount(),
  };
}
