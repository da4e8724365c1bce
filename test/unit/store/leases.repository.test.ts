import type { Tx } from '../../../src/store';
import { STORE_ENGINES } from '../../support/store-engines';
import { seedDueReminders } from '../../support/store-fixtures';

const NOW = 1_764_633_600_000;
const LEASE = 120_000;
const A = { owner: 'replica-a', until: NOW + LEASE };
const B = { owner: 'replica-b', until: NOW + LEASE };

describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))(
  '%s leases on timed work',
  (_name, makeEngine) => {
    const engine = makeEngine();
    let store: Tx;
    let ids: number[];
    beforeEach(async () => {
      store = await engine.fresh();
      ids = await seedDueReminders(store, 6, NOW);
    });
    afterAll(() => engine.end());

    it('two replicas claiming at once get disjoint due rows, oldest first, and together all of them', async () => {
      const [a, b] = await Promise.all([
        store.leases.claimDue('reminder', NOW, A, 4),
        store.leases.claimDue('reminder', NOW, B, 4),
      ]);
      const taken = [...a, ...b].map((l) => l.id);
      expect(new Set(taken).size).toBe(taken.length);
      expect([...taken].sort((x, y) => x - y)).toEqual(ids);
      for (const batch of [a, b]) {
        const order = batch.map((l) => ids.indexOf(l.id));
        expect(order).toEqual([...order].sort((x, y) => x - y));
      }
      expect([...a, ...b].every((l) => !l.takenOver)).toBe(true);
    });

    it('a held lease is not claimed again until it expires; then it is taken over, and said to be', async () => {
      const [first] = await store.leases.claimDue('reminder', NOW, A, 1);
      expect(first).toEqual({ id: ids[0], takenOver: false });
      expect((await store.leases.claimDue('reminder', NOW + LEASE - 1, B, 10)).map((l) => l.id)).not.toContain(ids[0]);
      const later = { owner: B.owner, until: NOW + 2 * LEASE };
      expect(await store.leases.claim('reminder', ids[0] as number, NOW + LEASE - 1, later)).toBeNull();
      expect(await store.leases.claim('reminder', ids[0] as number, NOW + LEASE, later)).toEqual({
        id: ids[0],
        takenOver: true,
      });
      expect(await store.leases.holder('reminder', ids[0] as number)).toEqual({ owner: B.owner, until: later.until });
    });

    it('completion by a replica that no longer holds the lease is refused; the holder completes once', async () => {
      await store.leases.claimDue('reminder', NOW, A, 1);
      const id = ids[0] as number;
      await store.leases.claim('reminder', id, NOW + LEASE, { owner: B.owner, until: NOW + 2 * LEASE });
      expect(await store.leases.release('reminder', id, A.owner)).toBe(false);
      expect(await store.leases.release('reminder', id, B.owner)).toBe(true);
      expect(await store.leases.release('reminder', id, B.owner)).toBe(false);
      expect(await store.leases.holder('reminder', id)).toBeNull();
    });

    it('a refused completion inside a transaction writes nothing', async () => {
      const id = ids[0] as number;
      await store.leases.claimDue('reminder', NOW, A, 1);
      await store.leases.claim('reminder', id, NOW + LEASE, { owner: B.owner, until: NOW + 2 * LEASE });
      await store.transaction(async (tx) => {
        if (!(await tx.leases.release('reminder', id, A.owner))) return;
        await tx.reminders.save({ ...(await tx.reminders.get(id))!, dueAt: null });
      });
      expect((await store.reminders.get(id))?.dueAt).toBe(NOW - 10);
    });

    it('saving a reminder keeps its lease; only release clears it', async () => {
      const id = ids[0] as number;
      await store.leases.claimDue('reminder', NOW, A, 1);
      await store.reminders.save({ ...(await store.reminders.get(id))!, dueAt: NOW + 1 });
      expect(await store.leases.holder('reminder', id)).toEqual({ owner: A.owner, until: A.until });
    });

    it('set-up and archiving of one incident are leased apart', async () => {
      const id = ids[0] as number;
      expect(await store.leases.claim('setup', id, NOW, A)).toEqual({ id, takenOver: false });
      expect(await store.leases.claim('setup', id, NOW, B)).toBeNull();
      expect(await store.leases.claim('setup', id, NOW, A)).toEqual({ id, takenOver: false });
      await store.incidents.update(id, { archiveDueAt: NOW });
      expect(await store.leases.claimDue('archive', NOW, B, 10)).toEqual([{ id, takenOver: false }]);
    });

    it('alert notifications are worked through by one replica at a time, in order', async () => {
      const notification = {
        kind: 'generic' as const,
        groupKey: 'g',
        status: 'firing' as const,
        labels: {},
        annotations: {},
        title: 'x',
        description: '',
        link: null,
        alerts: [],
      };
      const recorded = [
        await store.alerts.record('prom', 'generic', NOW, notification),
        await store.alerts.record('prom', 'generic', NOW, notification),
        await store.alerts.record('prom', 'generic', NOW, notification),
      ];
      expect((await store.leases.claimDue('alert', NOW, A, 2)).map((l) => l.id)).toEqual(recorded.slice(0, 2));
      expect(await store.leases.claimDue('alert', NOW, B, 2)).toEqual([]);
      expect((await store.leases.claimDue('alert', NOW, A, 2)).map((l) => l.id)).toEqual(recorded.slice(2));
      expect((await store.leases.claimDue('alert', NOW + LEASE, B, 5)).map((l) => l.id)).toEqual(recorded);
    });
  },
);
