import type { Logger } from '../logger';
import type { Store, Tx } from '../store';
import type { ClaimedItem, TimedJob } from '../timers/timed-job';
import { claimStatuses, maintenanceSource } from './components';
import type { Maintenance, MessageRef } from './statuspage.types';

/** How maintenance windows are told in chat; Slack implements it (the announcement channel). */
export interface MaintenancePort {
  /**
   * Tells chat the window's state (`m.state`): its confirmation message posted (when `m.notice` is
   * null) or brought up to date, and a start, an end or a cancellation said in a post of its own.
   * `mayExist`: an earlier attempt may have posted already (a replica took the row over). Returns
   * the confirmation message; null when there is nowhere to post.
   */
  tell(m: Maintenance, key: { mayExist: boolean }): Promise<MessageRef | null>;
}

/** When the job next has something to do once `m`'s state is told: its start, its end, or nothing. */
export function nextAfter(m: Pick<Maintenance, 'state' | 'startsAt' | 'endsAt'>): number | null {
  if (m.state === 'scheduled') return m.startsAt;
  if (m.state === 'in_progress') return m.endsAt;
  return null;
}

/** A window's components return to what their incidents say. */
export async function releaseComponents(tx: Pick<Tx, 'statusPage'>, m: Maintenance, at: number): Promise<void> {
  await claimStatuses(
    tx,
    maintenanceSource(m.publicId),
    m.components.map((componentId) => ({ componentId, status: 'operational' as const })),
    at,
  );
}

export interface MaintenanceJobDeps {
  store: Pick<Store, 'transaction'>;
  logger: Logger;
  /** Told once a flip has committed: the served snapshot is rebuilt. */
  changed?: (() => void) | undefined;
}

/**
 * The maintenance windows' timed job. A due row is either a change not yet told in chat (made by
 * the form, a Cancel or End now click, or an earlier flip whose telling failed) or a start or an
 * end that is due: that is flipped first, in a transaction of its own while the lease is held, and
 * then told. The row stays due until chat was told, and the lease is given back with `told` in one
 * transaction: so a restart finishes what was left, and a replica taking the row over looks for the
 * posts (their metadata names the window and the step) before posting again.
 */
export function createMaintenanceJob({ store, logger, changed }: MaintenanceJobDeps, port: MaintenancePort): TimedJob {
  /** The start or the end, when due and everything before it was told; the window as it is after. */
  async function flip(tx: Tx, m: Maintenance, now: number): Promise<Maintenance | null> {
    if (m.state === 'scheduled' && m.endsAt > now) {
      await claimStatuses(
        tx,
        maintenanceSource(m.publicId),
        m.components.map((componentId) => ({ componentId, status: 'under_maintenance' as const })),
        m.startsAt,
      );
      // Still due (next_at unchanged): telling the start comes next.
      await tx.statusPage.updateMaintenance(m.id, 'in_progress', now, m.nextAt);
    } else if (m.state === 'scheduled' || m.state === 'in_progress') {
      // Over (or a window that began and ended while Commander was down: it leaves no outage).
      const at = Math.max(m.endsAt, m.startsAt);
      await releaseComponents(tx, m, at);
      await tx.statusPage.updateMaintenance(m.id, 'completed', at, m.nextAt);
    } else {
      return null;
    }
    if (changed) tx.afterCommit(changed);
    return (await tx.statusPage.maintenance(m.id)) ?? null;
  }

  async function work(item: ClaimedItem): Promise<boolean> {
    const decided = await store.transaction(async (tx) => {
      if (!(await item.holds(tx))) return null;
      const m = await tx.statusPage.maintenance(item.id);
      if (!m || m.nextAt === null || m.nextAt > item.now) return null;
      if (m.told !== m.state) return { m, flipped: false };
      const after = await flip(tx, m, item.now);
      return after && { m: after, flipped: true };
    });
    if (!decided) {
      // Nothing left to do (cancelled meanwhile, or over and told): it is due no more.
      await item.complete(async (tx) => {
        const m = await tx.statusPage.maintenance(item.id);
        if (m && m.told === m.state && m.nextAt !== null && m.nextAt <= item.now && nextAfter(m) === null)
          await tx.statusPage.toldMaintenance(m.id, m.state, null, null);
      });
      return false;
    }
    const { m, flipped } = decided;
    const log = logger.child({ maintenance: m.publicId, state: m.state });
    let notice: MessageRef | null;
    try {
      notice = await port.tell(m, { mayExist: item.takenOver });
    } catch (error) {
      // Left due, its lease given back: the next tick tells it.
      log.warn({ err: error }, 'could not tell the maintenance window in chat');
      await store.transaction((tx) => item.release(tx));
      return flipped;
    }
    const done = await item.complete(async (tx) => {
      const now = await tx.statusPage.maintenance(m.id);
      if (!now) return;
      // A change made meanwhile (a click on Cancel or End now) stays due, to be told next.
      await tx.statusPage.toldMaintenance(m.id, m.state, now.state === m.state ? nextAfter(m) : now.nextAt, notice);
    });
    if (!done.held) log.warn('maintenance lease lost before its telling was recorded');
    return true;
  }

  return { name: 'maintenance', kind: 'maintenance', batch: 20, work };
}
