import { StorageError } from '../../../src/errors/storage-error';
import { TAKING_A_NUMBER } from '../../../src/incidents/incident-numbers';
import { createPostgresStore } from '../../../src/store/postgres';
import { migratePostgres } from '../../../src/store/postgres/migrate';
import { createPool } from '../../../src/store/postgres/pool';
import { freshPostgresDatabase, postgresOff } from '../../support/postgres';
import { newIncident } from '../../support/store-fixtures';

/**
 * Two replicas declaring at once on one PostgreSQL: every declaration takes the next number, so
 * each collides with whatever the other replica is declaring. A replica with a backlog keeps its
 * transactions back to back, and the other's retries used to run out ("40001" shown to the declarer).
 */
(postgresOff() ? describe.skip : describe)('declarations from two replicas at once on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let otherPool: ReturnType<typeof createPool>;

  beforeAll(async () => {
    database = await freshPostgresDatabase();
    await migratePostgres(database.pool);
    otherPool = createPool(database.url);
  });
  afterAll(async () => {
    await otherPool?.end();
    await database?.close();
  });

  it('each replica declares its whole backlog, numbered without gaps', async () => {
    const replicas = [createPostgresStore(database.pool), createPostgresStore(otherPool)];
    const perReplica = 30;
    const declared = await Promise.all(
      replicas.flatMap((store, r) =>
        Array.from({ length: perReplica }, (_, i) =>
          store.transaction(async (tx) => {
            const { incident } = await tx.incidents.insertOnce(newIncident(`R${r}-${i}`, 1_000));
            // The rest of a declaration's transaction (timeline, services, timers) takes a while.
            await new Promise((resolve) => setTimeout(resolve, 30));
            await tx.incidents.update(incident.id, { impact: 'Checkout fails' });
            return incident.id;
          }, TAKING_A_NUMBER),
        ),
      ),
    );
    expect([...declared].sort((a, b) => a - b)).toEqual(Array.from({ length: 2 * perReplica }, (_, i) => i + 1));
  }, 60_000);

  it('a transaction still colliding after every attempt says the database was busy, not a code', async () => {
    const store = createPostgresStore(database.pool);
    let attempts = 0;
    const failed = await store
      .transaction(async () => {
        attempts++;
        throw Object.assign(new Error('could not serialize access'), { code: '40001' });
      })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(StorageError);
    expect((failed as StorageError).code).toBe('storage_busy');
    expect(attempts).toBeGreaterThan(1);
  }, 30_000);
});
