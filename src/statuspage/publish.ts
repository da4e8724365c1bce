import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Incident } from '../incidents/incident.types';
import { isDrill } from '../incidents/incident-types';
import type { Store, Tx } from '../store';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import { claimStatuses, type Component, componentsOf, incidentSource } from './components';
import { newPublicId } from './public-ids';
import { StatusPageError } from './statuspage.errors';
import {
  type AffectedComponent,
  impactOf,
  type OutageStatus,
  type PublicIncident,
  type PublicStatus,
  worseImpact,
} from './statuspage.types';

export interface StatusPageDeps {
  store: Pick<Store, 'transaction'>;
  recorder: Recorder;
  policy: Policy;
  clock: Clock;
  /** Told once a change to the page has committed: the served snapshot is rebuilt. */
  changed?: () => void;
}

export interface PublishInput {
  incidentId: number;
  /** Who publishes: the commander, the comms role or an admin. */
  by: string;
  status: PublicStatus;
  /** The public message, plain text as written. */
  body: string;
  /** The incident's name on the page; needed the first time, kept after. */
  name?: string;
  /** A status for each affected public component it names; resolving returns the others to operational. */
  components?: Record<string, OutageStatus>;
}

const MAX_BODY = 5_000;

/** Commander's statuses on the page: Identified and Mitigating both read identified. */
export function publicStatusOf(status: string): PublicStatus {
  if (status === 'mitigating' || status === 'identified') return 'identified';
  if (status === 'monitoring' || status === 'resolved') return status;
  return 'investigating';
}

/** The status a component starts from in the form: SEV1 major outage, SEV2 partial, otherwise degraded. */
export function defaultComponentStatus(severity: string): OutageStatus {
  if (severity === 'SEV1') return 'major_outage';
  if (severity === 'SEV2') return 'partial_outage';
  return 'degraded_performance';
}

/** Refuses what may never reach the page, whoever asks and however: private incidents, and drills unless allowed. */
export function assertPublishable(incident: Incident, policy: Policy): void {
  if (incident.isPrivate)
    throw new StatusPageError('private_incident', `Incident #${incident.id} is private: it is never published.`);
  if (isDrill(incident) && !policy.statusPage.drills)
    throw new StatusPageError('drill', `Incident #${incident.id} is a drill, and the status page takes no drills.`);
}

/** Who may publish: the commander, the comms role and admins. */
export function mayPublish(incident: Incident, userId: string, policy: Policy): boolean {
  return incident.commanderId === userId || incident.roles.comms === userId || policy.admins.includes(userId);
}

const notAllowed = () =>
  new StatusPageError('not_allowed', 'Only the commander, the comms role and admins can publish to the status page.');

export type PublishDraft = NonNullable<Awaited<ReturnType<ReturnType<typeof createPublishing>['draft']>>>;

/**
 * Publishing to the status page (docs/status-page.md). What is published is copied to the page's
 * own tables, so the page never reads an incident: it can only show what was published.
 */
export function createPublishing(deps: StatusPageDeps) {
  const { store, recorder, policy, clock } = deps;
  const components = componentsOf(policy.services);

  async function incidentOf(tx: Tx, incidentId: number): Promise<Incident> {
    const incident = await tx.incidents.get(incidentId);
    if (!incident) throw new StatusPageError('incident_not_found', `There is no incident #${incidentId}.`);
    return incident;
  }

  /** The incident's public components: those of its affected services that the catalog makes public. */
  async function publicComponentsOf(tx: Tx, incidentId: number): Promise<Component[]> {
    const affected = new Set(await tx.incidentServices.of(incidentId));
    return components.filter((c) => affected.has(c.id));
  }

  return {
    /**
     * What the publish form starts from: null when the incident may not be published at all, or
     * not by `by`. `status` is the Commander status the form starts at (the incident's by default).
     */
    async draft(incidentId: number, options: { by?: string; status?: string } = {}) {
      return store.transaction(async (tx) => {
        const incident = await incidentOf(tx, incidentId);
        try {
          assertPublishable(incident, policy);
        } catch {
          return null;
        }
        if (options.by !== undefined && !mayPublish(incident, options.by, policy)) return null;
        const published = await tx.statusPage.incidentOf(incidentId);
        const status = publicStatusOf(options.status ?? incident.status);
        return {
          published: published !== undefined,
          name: published?.name ?? null,
          status,
          message: policy.statusPage.templates[status] ?? '',
          components: (await publicComponentsOf(tx, incidentId)).map((c) => ({
            id: c.id,
            name: c.name,
            status: status === 'resolved' ? ('operational' as const) : defaultComponentStatus(incident.severity),
          })),
        };
      });
    },

    /** Why `by` may not publish this incident, as the error publishing would raise; nothing when they may. */
    async refusal(incidentId: number, by: string): Promise<StatusPageError | undefined> {
      return store.transaction(async (tx) => {
        try {
          const incident = await incidentOf(tx, incidentId);
          assertPublishable(incident, policy);
          if (!mayPublish(incident, by, policy)) throw notAllowed();
          return undefined;
        } catch (error) {
          if (error instanceof StatusPageError) return error;
          throw error;
        }
      });
    },

    async publish(input: PublishInput): Promise<{ incidentPublicId: string; updateId: string }> {
      const body = input.body.trim();
      if (body === '') throw new StatusPageError('empty_message', 'A public update needs a message.');
      if (body.length > MAX_BODY)
        throw new StatusPageError('empty_message', `A public update is at most ${MAX_BODY} characters.`);
      const now = clock.now();
      const result = await store.transaction(async (tx) => {
        const incident = await incidentOf(tx, input.incidentId);
        assertPublishable(incident, policy);
        if (!mayPublish(incident, input.by, policy)) throw notAllowed();
        const mine = await publicComponentsOf(tx, incident.id);
        const given = input.components ?? {};
        for (const id of Object.keys(given))
          if (!mine.some((c) => c.id === id))
            throw new StatusPageError('unknown_component', `${id} is not a public component this incident affects.`);

        const before = await tx.statusPage.incidentOf(incident.id);
        const name = input.name?.trim() || before?.name;
        if (!name)
          throw new StatusPageError('no_name', 'The first public update needs a public name for the incident.');
        const publicId = before?.publicId ?? newPublicId();
        const source = incidentSource(publicId);
        const wanted = new Map<string, OutageStatus>();
        if (input.status === 'resolved')
          for (const claim of await tx.statusPage.claimsOf(source)) wanted.set(claim.componentId, 'operational');
        for (const [id, status] of Object.entries(given)) wanted.set(id, status);
        if (!before) {
          await tx.statusPage.addIncident(incident.id, {
            publicId,
            name,
            status: input.status,
            impact: 'none',
            drill: isDrill(incident),
            createdAt: now,
            updatedAt: now,
            monitoringAt: null,
            resolvedAt: null,
          });
        }
        const changes = await claimStatuses(
          tx,
          source,
          [...wanted].map(([componentId, status]) => ({ componentId, status })),
          now,
        );
        const affected: AffectedComponent[] = changes.map((c) => ({
          code: c.componentId,
          name: components.find((k) => k.id === c.componentId)?.name ?? c.componentId,
          old_status: c.before,
          new_status: c.after,
        }));
        const updated: PublicIncident = {
          publicId,
          name,
          status: input.status,
          impact: [...wanted.values()].map(impactOf).reduce(worseImpact, before?.impact ?? 'none'),
          drill: before?.drill ?? isDrill(incident),
          createdAt: before?.createdAt ?? now,
          updatedAt: now,
          monitoringAt: input.status === 'monitoring' ? (before?.monitoringAt ?? now) : (before?.monitoringAt ?? null),
          resolvedAt: input.status === 'resolved' ? now : null,
        };
        await tx.statusPage.updateIncident(updated);
        const updateId = newPublicId();
        await tx.statusPage.addPublication({
          publicId: updateId,
          incidentPublicId: publicId,
          status: input.status,
          body,
          affected,
          at: now,
        });
        await recorder.record(
          tx,
          entries.statuspagePublished(
            { incidentId: incident.id, at: now, actorId: input.by },
            {
              publicId,
              updateId,
              status: input.status,
              body,
              components: [...wanted].map(([id, status]) => ({ id, status })),
            },
          ),
        );
        // Customers have been told: the comms clock has nothing left to remind of.
        await tx.commsClocks.clear(incident.id);
        if (deps.changed) tx.afterCommit(deps.changed);
        return { incidentPublicId: publicId, updateId };
      });
      return result;
    },
  };
}
