import { alertActor } from '../incidents/actors';
import { isOpen } from '../incidents/incident.types';
import type { Tx } from '../store';
import { cutText } from '../text/cut-text';
import { entries } from '../timeline/entries';
import type { AlertItem, AlertNotification, AlertOutcome } from './alert.types';
import type { AlertRoute } from './alerts.config';
import { type AlertsDeps, DESCRIPTION_MAX } from './alerts.deps';
import { type Changes, compareWithLast } from './changes';
import { findService } from '../catalog/catalog';
import { serviceFor, severityFor, titleFor } from './routing';

/**
 * The declare route: an alert group's first firing alert declares an incident (once per episode,
 * with the episode's key); later notifications of the group attach to it as timeline entries, and
 * its resolved alerts become a note in the incident's channel (the incident stays open).
 */
export function createDeclareRoute(deps: AlertsDeps) {
  const { store, recorder, incidents, port, policy, clock, logger } = deps;
  const config = policy.alerts;
  const severityIds = policy.severities.map((s) => s.id);

  const by = (incidentId: number, source: string) => ({ incidentId, at: clock.now(), actorId: alertActor(source) });

  async function recordChanges(tx: Tx, incidentId: number, source: string, changes: Changes): Promise<void> {
    for (const alert of changes.firing) {
      await recorder.record(
        tx,
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
      await recorder.record(
        tx,
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
    const service = serviceFor(route, n);
    // The hurt service's rotation leads when the route names nobody; else the incidents' rotation.
    const rotation = service ? findService(policy.services, service)?.oncall : null;
    const now = clock.now();
    const commanderId =
      route.commander ?? (rotation ? deps.onCallPrimary(now, rotation) : null) ?? deps.onCallPrimary(now);
    if (!commanderId) throw new Error('no commander: the route names none and no on-call rotation is configured');
    const { incident, setup } = await incidents.declareStored({
      key,
      title: titleFor(route, n),
      severity: choice.severity,
      impact: cutText(n.description, DESCRIPTION_MAX),
      commanderId,
      declaredBy: alertActor(source),
      ...(service ? { services: [service], servicesNamedBy: source } : {}),
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
        await recorder.record(
          tx,
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
        const changes = await compareWithLast(tx, group.id, n.alerts);
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

  return {
    async declareOrAttach(source: string, n: AlertNotification, route: AlertRoute): Promise<AlertOutcome> {
      const decided = await decide(source, n);
      if (decided.kind === 'ignored') return 'ignored';
      if (decided.kind === 'attached') {
        const { incident, changes } = decided;
        if (changes.resolved.length > 0) postResolved(incident.id, source, changes.resolved);
        return changes.resolved.length > 0 ? 'resolved_note' : changes.firing.length > 0 ? 'attached' : 'repeat';
      }
      const { groupId, declareKey } = decided;
      const incidentId = await declareFor(source, n, route, groupId, declareKey);
      await store.transaction(async (tx) =>
        recordChanges(tx, incidentId, source, await compareWithLast(tx, groupId, n.alerts)),
      );
      return 'declared';
    },
  };
}
