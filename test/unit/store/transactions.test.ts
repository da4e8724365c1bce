import { entries } from '../../../src/timeline/entries';
import type { Tx } from '../../../src/store';
import { STORE_ENGINES } from '../../support/store-engines';
import { bareRecorder } from '../../support/recorder';
import { gate, newIncident } from '../../support/store-fixtures';

const titles = async (store: Tx) => (await store.incidents.listOpen()).map((i) => i.title).sort();

describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))('%s store', (_name, makeEngine) => {
  const engine = makeEngine();
  const newStore = () => engine.fresh();
  afterAll(() => engine.end());

  describe('after commit', () => {
    it('runs at once outside a transaction, and inside one only once it has committed, seeing what it wrote', async () => {
      const store = await newStore();
      const seen: string[][] = [];
      store.afterCommit(() => seen.push(['outside']));
      expect(seen).toEqual([['outside']]);
      const done: Array<Promise<string[]>> = [];
      await store.transaction(async (tx) => {
        await tx.incidents.insertOnce(newIncident('A'));
        // What runs after the commit reads through the store, as another flow would: the row is there.
        tx.afterCommit(() => done.push(titles(store)));
        await tx.transaction(async (inner) => {
          inner.afterCommit(() => done.push(Promise.resolve(['from a savepoint'])));
        });
        expect(done).toEqual([]);
      });
      expect(await Promise.all(done)).toEqual([['Incident A'], ['from a savepoint']]);
    });

    it('never runs what a rolled-back transaction, or a rolled-back savepoint, queued', async () => {
      const store = await newStore();
      const ran: string[] = [];
      await expect(
        store.transaction(async (tx) => {
          tx.afterCommit(() => ran.push('rolled back'));
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      await store.transaction(async (tx) => {
        tx.afterCommit(() => ran.push('kept'));
        await tx
          .transaction(async (inner) => {
            inner.afterCommit(() => ran.push('savepoint undone'));
            throw new Error('undo the savepoint');
          })
          .catch(() => undefined);
      });
      expect(ran).toEqual(['kept']);
    });
  });

  describe('transactions', () => {
    it("another flow's write made while a transaction is open is not undone when that transaction rolls back", async () => {
      const store = await newStore();
      const held = gate();
      const begun = gate();
      const failing = store.transaction(async (tx) => {
        await tx.incidents.insertOnce(newIncident('A'));
        begun.open();
        await held.opened;
        throw new Error('the use-case failed');
      });
      await begun.opened;
      // Without the lock this insert would run inside A's open transaction and vanish with it.
      const other = store.incidents.insertOnce(newIncident('B'));
      held.open();
      await expect(failing).rejects.toThrow('the use-case failed');
      await other;
      expect(await titles(store)).toEqual(['Incident B']);
    });

    it('two transactions that check then write never both pass the check', async () => {
      const store = await newStore();
      const addIfAbsent = (key: string) =>
        store.transaction(async (tx) => {
          const open = await tx.incidents.listOpen();
          // Gives the other flow every chance to run in between, as a slow query would.
          await new Promise((resolve) => setImmediate(resolve));
          if (open.length === 0) await tx.incidents.insertOnce(newIncident(key));
        });
      await Promise.all([addIfAbsent('A'), addIfAbsent('B')]);
      // Which one wins is up to timing (on PostgreSQL, which connection comes first); that one does is not.
      expect(await titles(store)).toHaveLength(1);
    });

    it('a transaction begun inside another is undone alone when its work throws', async () => {
      const store = await newStore();
      await store.transaction(async (tx) => {
        await tx.incidents.insertOnce(newIncident('outer'));
        await expect(
          tx.transaction(async (inner) => {
            await inner.incidents.insertOnce(newIncident('inner'));
            throw new Error('inner failed');
          }),
        ).rejects.toThrow('inner failed');
      });
      expect(await titles(store)).toEqual(['Incident outer']);
    });

    it('work that reaches for the store instead of tx still runs inside its transaction, nested ones as savepoints', async () => {
      const store = await newStore();
      await expect(
        store.transaction(async () => {
          await store.incidents.insertOnce(newIncident('outer'));
          await expect(
            store.transaction(async (inner) => {
              await inner.incidents.insertOnce(newIncident('inner'));
              throw new Error('inner failed');
            }),
          ).rejects.toThrow('inner failed');
          throw new Error('outer failed');
        }),
      ).rejects.toThrow('outer failed');
      expect(await titles(store)).toEqual([]);
      expect(engine.settled()).toBe(true);
    });

    it('a failed transaction leaves the store usable for the next one', async () => {
      const store = await newStore();
      await expect(
        store.transaction(async () => {
          throw new Error('nope');
        }),
      ).rejects.toThrow('nope');
      await store.transaction(async (tx) => {
        await tx.incidents.insertOnce(newIncident('after'));
      });
      expect(await titles(store)).toEqual(['Incident after']);
      expect(engine.settled()).toBe(true);
    });
  });

  describe('timeline streaming', () => {
    it('iterates every entry in time order across pages, entries at the same time in the order added', async () => {
      const store = await newStore();
      const { incident: created } = await store.incidents.insertOnce(newIncident('T'));
      const times = Array.from({ length: 1_203 }, (_, i) => 1_000 + Math.floor(i / 3));
      for (const [n, at] of times.entries())
        await bareRecorder.record(
          store,
          entries.note({ incidentId: created.id, at, actorId: 'UBOB' }, { source: `n${n}`, body: [`n${n}`] }, `k${n}`),
        );
      const seen: string[] = [];
      for await (const entry of store.timeline.iterate(created.id))
        if (entry.kind === 'note') seen.push(entry.data.source);
      expect(seen).toEqual(times.map((_, n) => `n${n}`));
    });
  });
});
