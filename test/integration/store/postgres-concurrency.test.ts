import { createPostgresStore, type PostgresStore } from '../../../src/store/postgres';
import { migratePostgres } from '../../../src/store/postgres/migrate';
import { createPool } from '../../../src/store/postgres/pool';
import { entries } from '../../../src/timeline/entries';
import { freshPostgresDatabase } from '../../support/postgres';
import { bareRecorder } from '../../support/recorder';
import { gate, newIncident } from '../../support/store-fixtures';

/**
 * Two replicas on one PostgreSQL, each with its own pool, as two Commander processes are: their
 * transactions run side by side (no lock for the whole database), and PostgreSQL's SERIALIZABLE
 * keeps check-then-write right, by running one of two conflicting transactions again.
 */

describe('two replicas on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let one: PostgresStore;
  let two: PostgresStore;
  beforeAll(async () => {
    database = await freshPostgresDatabase();
    await migratePostgres(database.pool);
    one = createPostgresStore(database.pool);
    two = createPostgresStore(createPool(database.url));
  });
  afterAll(async () => {
    await two.pool.end();
    await database.close();
  });

  it('complete a transaction on incident B while the other holds one open on incident A', async () => {
    const a = (await one.incidents.insertOnce(newIncident('A'))).incident;
    const b = (await one.incidents.insertOnce(newIncident('B'))).incident;
    const held = gate();
    const begun = gate();
    const holding = one.transaction(async (tx) => {
      await tx.incidents.update(a.id, { impact: 'A, changed' });
      begun.open();
      await held.opened;
    });
    await begun.opened;
    // Not waiting for the first replica's transaction: it is still open.
    await two.transaction(async (tx) => {
      await tx.incidents.update(b.id, { impact: 'B, changed' });
    });
    expect((await two.incidents.get(b.id))?.impact).toBe('B, changed');
    expect((await two.incidents.get(a.id))?.impact).toBe('');
    held.open();
    await holding;
    expect((await two.incidents.get(a.id))?.impact).toBe('A, changed');
  });

  it('both changing one incident at once: both changes are on its timeline, and its state is the last one', async () => {
    const c = (await one.incidents.insertOnce(newIncident('C'))).incident;
    const recorder = bareRecorder;
    const bothRead = { count: 0, ready: gate() };
    const change = (store: PostgresStore, severity: string) =>
      store.transaction(async (tx) => {
        // Both read the incident before either writes: the second to commit is run again.
        const before = await tx.incidents.get(c.id);
        if (++bothRead.count >= 2) bothRead.ready.open();
        await Promise.race([bothRead.ready.opened, new Promise((resolve) => setTimeout(resolve, 500))]);
        await tx.incidents.update(c.id, { severity });
        await recorder.record(
          tx,
          entries.severityChanged(
            { incidentId: c.id, at: Date.now(), actorId: 'UBOB' },
            {
              from: before?.severity ?? '',
              to: severity,
              reason: '',
            },
          ),
        );
        return severity;
      });
    const order: string[] = [];
    await Promise.all([change(one, 'SEV1').then((s) => order.push(s)), change(two, 'SEV3').then((s) => order.push(s))]);
    const timeline = await one.timeline.list(c.id);
    const changes = timeline
      .filter((e) => e.kind === 'severity_changed')
      .map((e) => e.data as { from: string; to: string });
    expect(changes.map((d) => d.to).sort()).toEqual(['SEV1', 'SEV3']);
    // The one run again read the other's change: the entries chain, none is lost.
    expect(changes[1]?.from).toBe(changes[0]?.to);
    expect((await one.incidents.get(c.id))?.severity).toBe(order.at(-1));
  });

  it('100 declarations split between the two get 100 distinct numbers, with no gap', async () => {
    const before = (await one.incidents.listOpen()).length;
    const declared = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? one : two).transaction((tx) => tx.incidents.insertOnce(newIncident(`D${i}`))),
      ),
    );
    const numbers = declared.map((d) => d.incident.id).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(100);
    expect(numbers[0]).toBe(before + 1);
    expect(numbers.at(-1)).toBe(before + 100);
  });
});
