import type { Policy } from '../config/policy';
import type { Logger } from '../logger';
import type { Tx } from '../store';
import type { JobRunner } from '../timers/timed-job';
import { type Component, componentsOf } from './components';
import { createMaintenanceJob, type MaintenancePort, releaseComponents } from './maintenance-job';
import type { StatusPageDeps } from './publish';
import { newPublicId } from './public-ids';
import { StatusPageError } from './statuspage.errors';
import type { Maintenance } from './statuspage.types';

export interface NewMaintenance {
  title: string;
  /** Component ids (public services). */
  components: string[];
  startsAt: number;
  endsAt: number;
  message: string;
  /** Who schedules it: an admin. */
  by: string;
  /** The form that asks (a submission delivered twice makes one window). */
  key?: string;
}

export interface MaintenanceDeps extends Omit<StatusPageDeps, 'recorder'> {
  logger: Logger;
  /** Whether the page is served (STATUS_PORT): else a window would show nowhere. */
  served: boolean;
  /** Tells a change right after its commit, instead of at the next tick. */
  runner?: Pick<JobRunner, 'runOne'>;
  /** Runs work after the caller has its answer (counted, so that stopping waits for it). */
  background?: (work: () => Promise<unknown>) => void;
}

/** Who may schedule, cancel or end maintenance: admins, since a window speaks for the whole page. */
export function mayManageMaintenance(userId: string, policy: Policy): boolean {
  return policy.admins.includes(userId);
}

const notAllowed = () =>
  new StatusPageError('not_allowed', 'Only Commander admins can schedule, cancel or end maintenance.');

/** Why a click on Cancel or End now finds nothing to do (a double click, a redelivery, a window over). */
function alreadySentence(m: Maintenance, wanted: 'cancel' | 'end'): string {
  const name = `Maintenance “${m.title}”`;
  if (m.state === 'cancelled') return `${name} was already cancelled.`;
  if (m.state === 'completed') return `${name} has already ended.`;
  if (m.state === 'in_progress') return `${name} has started: end it instead of cancelling it.`;
  return wanted === 'end' ? `${name} has not started: cancel it instead.` : `${name} cannot be cancelled.`;
}

/**
 * Maintenance windows: shown as upcoming at once; a timed job (maintenance-job.ts) flips their
 * components to under maintenance at the start and back at the end, and tells chat of every step
 * after its commit. The job's rows are leased (src/store/README.md), so a restart repeats nothing
 * and two replicas flip and tell a window once. Only admins schedule, cancel or end windows.
 */
export function createMaintenance(deps: MaintenanceDeps, port: MaintenancePort) {
  const { store, policy, clock } = deps;
  const components = componentsOf(policy.services);
  const known = new Set(components.map((c) => c.id));
  const job = createMaintenanceJob({ store, logger: deps.logger, changed: deps.changed }, port);
  /** The page is rebuilt, and chat told of the change at once (a tick tells it if this cannot). */
  const told = (tx: Pick<Tx, 'afterCommit'>, id: number) => {
    if (deps.changed) tx.afterCommit(deps.changed);
    const { runner, background } = deps;
    if (runner && background) tx.afterCommit(() => background(() => runner.runOne(job, id)));
  };

  /** Why `by` may not schedule maintenance now, as a sentence; nothing when they may. */
  function refusal(by: string): StatusPageError | undefined {
    if (!deps.served)
      return new StatusPageError(
        'page_off',
        'The status page is off (STATUS_PORT is not set), so maintenance would show nowhere.',
      );
    if (components.length === 0)
      return new StatusPageError(
        'no_components',
        'The status page has no components: mark services in the catalog `public:` first.',
      );
    if (!mayManageMaintenance(by, policy)) return notAllowed();
    return undefined;
  }
  const check = (by: string) => {
    const refused = refusal(by);
    if (refused) throw refused;
  };

  async function find(tx: Tx, publicId: string): Promise<Maintenance> {
    const m = await tx.statusPage.maintenanceByPublicId(publicId);
    if (!m) throw new StatusPageError('maintenance_not_found', `There is no maintenance ${publicId}.`);
    return m;
  }

  return {
    job,
    refusal,
    /** The components a window may take: the catalog's public services. */
    components: (): Component[] => components,
    async create(input: NewMaintenance): Promise<Maintenance> {
      check(input.by);
      const now = clock.now();
      const title = input.title.trim();
      if (title === '') throw new StatusPageError('empty_message', 'A maintenance window needs a title.');
      if (input.components.length === 0)
        throw new StatusPageError('unknown_component', 'A maintenance window needs at least one component.');
      for (const id of input.components)
        if (!known.has(id)) throw new StatusPageError('unknown_component', `${id} is not a public component.`);
      if (!(input.endsAt > input.startsAt) || input.endsAt <= now)
        throw new StatusPageError(
          'invalid_window',
          'A maintenance window must end after it starts, and in the future.',
        );
      return store.transaction(async (tx) => {
        const earlier = input.key === undefined ? undefined : await tx.statusPage.maintenanceByKey(input.key);
        if (earlier) return earlier;
        const made = await tx.statusPage.addMaintenance({
          publicId: newPublicId(),
          title,
          message: input.message.trim(),
          components: [...new Set(input.components)],
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          state: 'scheduled',
          createdAt: now,
          updatedAt: now,
          // Due at once: its confirmation is told first.
          nextAt: now,
          createdBy: input.by,
          key: input.key ?? null,
        });
        await tx.statusPage.bumpVersion();
        told(tx, made.id);
        return made;
      });
    },
    /** Cancels a window that has not started. */
    async cancel(publicId: string, by: string): Promise<Maintenance> {
      if (!mayManageMaintenance(by, policy)) throw notAllowed();
      return store.transaction(async (tx) => {
        const m = await find(tx, publicId);
        if (m.state !== 'scheduled') throw new StatusPageError('maintenance_over', alreadySentence(m, 'cancel'));
        await tx.statusPage.closeMaintenance(m.id, 'cancelled', clock.now(), by);
        await tx.statusPage.bumpVersion();
        told(tx, m.id);
        return (await tx.statusPage.maintenance(m.id)) as Maintenance;
      });
    },
    /** Ends a window under way now, before its planned end. */
    async endEarly(publicId: string, by: string): Promise<Maintenance> {
      if (!mayManageMaintenance(by, policy)) throw notAllowed();
      return store.transaction(async (tx) => {
        const m = await find(tx, publicId);
        if (m.state !== 'in_progress') throw new StatusPageError('maintenance_over', alreadySentence(m, 'end'));
        const now = clock.now();
        await releaseComponents(tx, m, now);
        await tx.statusPage.closeMaintenance(m.id, 'completed', now, by);
        told(tx, m.id);
        return (await tx.statusPage.maintenance(m.id)) as Maintenance;
      });
    },
  };
}
