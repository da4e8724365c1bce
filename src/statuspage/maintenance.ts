import type { Tx } from '../store';
import type { ClaimedItem, TimedJob } from '../timers/timed-job';
import { claimStatuses, componentsOf, maintenanceSource } from './components';
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
}

/**
 * Maintenance windows: shown as upcoming at once; a timed job flips their components to under
 * maintenance at the start and back at the end. The job's rows are leased (src/store/README.md),
 * so a restart repeats nothing and two replicas flip a window once.
 */
export function createMaintenance(deps: Omit<StatusPageDeps, 'recorder'>) {
  const { store, policy, clock } = deps;
  const known = new Set(componentsOf(policy.services).map((c) => c.id));
  const told = (tx: Pick<Tx, 'afterCommit'>) => {
    if (deps.changed) tx.afterCommit(deps.changed);
  };

  async function find(tx: Tx, publicId: string): Promise<Maintenance> {
    const m = await tx.statusPage.maintenanceByPublicId(publicId);
    if (!m) throw new StatusPageError('maintenance_not_found', `There is no maintenance ${publicId}.`);
    return m;
  }

  /** Ends a window that is under way: its components return to what their incidents say. */
  async function end(tx: Tx, m: Maintenance, state: 'completed' | 'cancelled', at: number) {
    const source = maintenanceSource(m.publicId);
    await claimStatuses(
      tx,
      source,
      m.components.map((componentId) => ({ componentId, status: 'operational' as const })),
      at,
    );
    await tx.statusPage.updateMaintenance(m.id, state, at, null);
  }

  /** The start or the end of one window, whichever is due; nothing when it was cancelled or moved meanwhile. */
  async function step(item: ClaimedItem): Promise<boolean> {
    const outcome = await item.complete(async (tx) => {
      const m = await tx.statusPage.maintenance(item.id);
      if (!m || m.nextAt === null || m.nextAt > item.now) return false;
      if (m.state === 'scheduled' && m.endsAt > item.now) {
        await claimStatuses(
          tx,
          maintenanceSource(m.publicId),
          m.components.map((componentId) => ({ componentId, status: 'under_maintenance' as const })),
          m.startsAt,
        );
        await tx.statusPage.updateMaintenance(m.id, 'in_progress', item.now, m.endsAt);
      } else {
        // Over (or a window that began and ended while Commander was down: it leaves no outage).
        await end(tx, m, 'completed', Math.max(m.endsAt, m.startsAt));
      }
      told(tx);
      return true;
    });
    return outcome.held && outcome.value;
  }

  const job: TimedJob = { name: 'maintenance', kind: 'maintenance', batch: 20, work: step };

  return {
    job,
    async create(input: NewMaintenance): Promise<Maintenance> {
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
          nextAt: input.startsAt,
        });
        await tx.statusPage.bumpVersion();
        told(tx);
        return made;
      });
    },
    /** Cancels a window that has not started. */
    async cancel(publicId: string): Promise<Maintenance> {
      return store.transaction(async (tx) => {
        const m = await find(tx, publicId);
        if (m.state !== 'scheduled')
          throw new StatusPageError(
            'maintenance_over',
            'Only a maintenance window that has not started can be cancelled.',
          );
        await tx.statusPage.updateMaintenance(m.id, 'cancelled', clock.now(), null);
        await tx.statusPage.bumpVersion();
        told(tx);
        return (await tx.statusPage.maintenance(m.id)) as Maintenance;
      });
    },
    /** Ends a window under way now, before its planned end. */
    async endEarly(publicId: string): Promise<Maintenance> {
      return store.transaction(async (tx) => {
        const m = await find(tx, publicId);
        if (m.state !== 'in_progress')
          throw new StatusPageError('maintenance_over', 'Only a maintenance window under way can be ended early.');
        await end(tx, m, 'completed', clock.now());
        told(tx);
        return (await tx.statusPage.maintenance(m.id)) as Maintenance;
      });
    },
  };
}
