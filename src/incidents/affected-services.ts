import { findService } from '../catalog/catalog';
import type { Service } from '../catalog/catalog.types';
import type { Policy } from '../config/policy';
import type { Tx } from '../store';
import type { Recorder } from '../timeline/record';
import { entries } from '../timeline/entries';
import { facts, nobodyListens } from './after-change';
import { IncidentError, quoted, type StepProblem } from './incidents.errors';
import type { IncidentsDeps } from './incidents.deps';
import type { Incident } from './incident.types';
import { requireOpenIncident } from './lookup';
import { requireAccess } from './permissions';
import { createServiceReach } from './service-reach';
import { stepRunner } from './step-runner';

type ServiceTx = Pick<Tx, 'incidentServices' | 'timeline' | 'transaction' | 'afterCommit'>;

/** The catalog's services for these ids, in the order given; ids the catalog lacks are left out. */
export const servicesNamed = (policy: Policy, ids: readonly string[]): Service[] =>
  ids.map((id) => findService(policy.services, id)).filter((s): s is Service => s !== undefined);

type At = { incidentId: number; at: number; actorId: string | null };

/**
 * Adds the catalog's services among `ids` to an incident, inside the caller's transaction; returns
 * those it did not have. Rows only: a declaration writes them before its entry, so the event that
 * entry queues already names them; `recordServiceEntries` then says what happened.
 */
export async function addServiceRows(tx: ServiceTx, policy: Policy, c: At, ids: readonly string[]) {
  const added: Service[] = [];
  for (const service of servicesNamed(policy, [...new Set(ids)]))
    if (await tx.incidentServices.add(c.incidentId, service.id, c.at, c.actorId)) added.push(service);
  return added;
}

/**
 * One entry per service added, and one per id the catalog does not know (nothing was added for
 * it), naming who named it (`source`: an alert source; else the declaration).
 */
export async function recordServiceEntries(
  tx: ServiceTx,
  recorder: Recorder,
  policy: Policy,
  c: At & { source?: string },
  added: readonly Service[],
  ids: readonly string[],
): Promise<void> {
  const at = { incidentId: c.incidentId, at: c.at, actorId: c.actorId };
  for (const service of added)
    await recorder.record(tx, entries.serviceAdded(at, { serviceId: service.id, name: service.name }));
  for (const name of new Set(ids)) {
    if (findService(policy.services, name)) continue;
    await recorder.record(tx, entries.serviceUnknown(at, { name, source: c.source ?? 'The declaration' }));
  }
}

export interface ServicesChange {
  incident: Incident;
  added: Service[];
  removed: Service[];
  problems: StepProblem[];
}

/**
 * Adding and removing an incident's affected services once it is declared: permission first (as
 * for any change), then the rows and their entries in one transaction told to the change hook, and
 * only then the chat platform (invitations, team posts, bookmarks, the refreshed kick-off).
 */
export function createAffectedServices(deps: IncidentsDeps) {
  const { store, recorder, conversation, policy, clock, logger, afterChange = nobodyListens } = deps;
  const reach = createServiceReach({
    conversation,
    clock,
    logger,
    ...(deps.serviceTeams ? { teams: deps.serviceTeams } : {}),
    ...(deps.onCallPrimary ? { onCallPrimary: deps.onCallPrimary } : {}),
  });

  const requireKnown = (ids: readonly string[]) => {
    for (const id of ids) {
      if (!findService(policy.services, id)) {
        const known = policy.services.map((s) => s.id).join(', ') || 'none: the policy has no services';
        throw new IncidentError('invalid_input', `There is no service "${quoted(id)}". Services: ${known}.`);
      }
    }
  };

  return {
    reach,

    /** The incident's affected services as the catalog has them now (one removed from the catalog is left out). */
    async of(incidentId: number): Promise<Service[]> {
      return servicesNamed(policy, await store.incidentServices.of(incidentId));
    },

    async change(input: {
      incidentId: number;
      add: string[];
      remove: string[];
      actorId: string;
    }): Promise<ServicesChange> {
      requireKnown([...input.add, ...input.remove]);
      await requireAccess(
        await store.incidents.get(input.incidentId),
        input.actorId,
        { need: 'change', open: true },
        policy,
        conversation.isMember,
      );
      const now = clock.now();
      const at = { incidentId: input.incidentId, at: now, actorId: input.actorId };
      const done = await store.transaction(async (tx) => {
        const incident = await requireOpenIncident(tx, input.incidentId);
        const added = await addServiceRows(tx, policy, at, input.add);
        await recordServiceEntries(tx, recorder, policy, at, added, input.add);
        const removed: Service[] = [];
        for (const service of servicesNamed(policy, [...new Set(input.remove)])) {
          if (!(await tx.incidentServices.remove(incident.id, service.id))) continue;
          removed.push(service);
          await recorder.record(tx, entries.serviceRemoved(at, { serviceId: service.id, name: service.name }));
        }
        const servicesAdded = added.map((s) => s.id);
        if (added.length + removed.length > 0)
          await afterChange(incident, facts(now, { servicesAdded, actorId: input.actorId }), tx);
        return { incident, added, removed };
      });
      const { incident, added, removed } = done;
      if (added.length + removed.length === 0) return { ...done, problems: [] };
      logger.info(
        { incidentId: incident.id, added: added.map((s) => s.id), removed: removed.map((s) => s.id) },
        'affected services changed',
      );
      const { problems, attempt } = stepRunner(logger, incident.id, 'services change');
      const change = {
        kind: 'services' as const,
        added: added.map((s) => s.name),
        removed: removed.map((s) => s.name),
        actorId: input.actorId,
      };
      const [reached] = await Promise.all([
        reach.reach(incident, added),
        attempt('change_note', () => conversation.postChange(incident, change)),
        attempt('kickoff_refresh', () => conversation.refreshKickoff(incident)),
      ]);
      return { incident, added, removed, problems: [...problems, ...reached] };
    },
  };
}

export type AffectedServices = ReturnType<typeof createAffectedServices>;
