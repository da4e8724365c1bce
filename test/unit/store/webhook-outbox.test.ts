import type { Tx } from '../../../src/store';
import { STORE_ENGINES } from '../../support/store-engines';

const T0 = Date.UTC(2026, 0, 5, 9, 0);
const A = 'https://a.example.com/hook';
const B = 'https://b.example.com/hook';

describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))('%s: the webhook outbox', (_name, makeEngine) => {
  const engine = makeEngine();
  afterAll(() => engine.end());

  async function outbox() {
    const store: Tx = await engine.fresh();
    const ids: number[] = [];
    for (const key of ['k1', 'k2']) {
      const { incident } = await store.incidents.insertOnce({
        declareKey: key,
        title: 't',
        severity: 'SEV1',
        impact: '',
        commanderId: 'UBOB',
        declaredBy: 'UALICE',
        declaredAt: T0,
        sourceViewId: null,
      });
      ids.push(incident.id);
    }
    const repo = store.webhookOutbox;
    const queue = (eventId: string, incident: 1 | 2, urls = [A]) =>
      repo.enqueue(
        { eventId, incidentId: ids[incident - 1] as number, type: 'incident.declared', body: '{}', at: T0 },
        urls,
      );
    return { store, repo, queue };
  }

  const A_LEASE = { owner: 'a', until: T0 + 60_000 };
  const B_LEASE = { owner: 'b', until: T0 + 60_000 };
  /** The deliveries a receiver's job would lease now, as [event, receiver]. */
  const claim = async (store: Tx, url: string, terms = A_LEASE, now = T0, limit = 10) => {
    const leased = await store.leases.claimDue('webhook', now, terms, limit, url);
    const rows = await Promise.all(leased.map((l) => store.webhookOutbox.get(l.id)));
    return rows.map((r) => [r!.eventId, r!.url, r!.id] as const);
  };
  const named = (rows: ReadonlyArray<readonly [string, string, number]>) => rows.map(([e, url]) => [e, url]);

  it("hands a receiver's job only the head of each of its incidents' queues, and a later event once the earlier is settled", async () => {
    const { store, repo, queue } = await outbox();
    await queue('e1', 1, [A, B]);
    await queue('e2', 1, [A, B]);
    await queue('e3', 2);
    const atA = await claim(store, A);
    expect(named(atA)).toEqual([
      ['e1', A],
      ['e3', A],
    ]);
    expect(named(await claim(store, B))).toEqual([['e1', B]]);
    // e2 waits for e1 at A while e1 is being sent: another replica gets nothing.
    expect(await claim(store, A, B_LEASE)).toEqual([]);
    // Taken (or given up): the next event of that queue is due at once.
    await store.leases.release('webhook', atA[0]![2], 'a');
    await repo.delivered(atA[0]![2], T0, 1);
    expect(named(await claim(store, A, B_LEASE))).toEqual([['e2', A]]);
    // e1 at B is still leased by a: nobody else takes it, nor e2 behind it.
    expect(await claim(store, B, B_LEASE)).toEqual([]);
  });

  it('waits for a retry to fall due, and counts the attempts its holder settled', async () => {
    const { store, repo, queue } = await outbox();
    await queue('e1', 1);
    const [[, , id]] = (await claim(store, A)) as [readonly [string, string, number]];
    await store.leases.release('webhook', id, 'a');
    await repo.retryAt(id, T0 + 10_000, 'HTTP 500', 1);
    expect(await claim(store, A, A_LEASE, T0 + 9_999)).toEqual([]);
    expect(named(await claim(store, A, A_LEASE, T0 + 10_000))).toEqual([['e1', A]]);
    expect(await repo.get(id)).toMatchObject({ attempts: 1, lastError: 'HTTP 500', nextAt: T0 + 10_000 });
  });

  it('hands the job for receivers no longer configured every pending delivery but those of the receivers named', async () => {
    const { store, queue } = await outbox();
    await queue('e1', 1, [A, B]);
    await queue('e2', 1, [A, B]);
    const orphans = async (configured: string[]) => {
      const leased = await store.leases.claimDue('webhookOrphan', T0, A_LEASE, 10, JSON.stringify(configured));
      return Promise.all(leased.map(async (l) => (await store.webhookOutbox.get(l.id))!.eventId));
    };
    expect(await orphans([A, B])).toEqual([]);
    // Given up rather than sent, so not one at a time per incident.
    expect(await orphans([A])).toEqual(['e1', 'e2']);
  });

  // SQLite runs one transaction at a time on its one connection; PostgreSQL's replicas claim side by side.
  (_name === 'PostgreSQL' ? it : it.skip)(
    'leaves rows another claim holds to it instead of waiting for them',
    async () => {
      const { store, queue } = await outbox();
      await queue('e1', 1);
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let leased: unknown[] = [];
      let claimedInside = () => {};
      const inside = new Promise<void>((resolve) => {
        claimedInside = resolve;
      });
      const transaction = store.transaction(async (tx) => {
        leased = await tx.leases.claimDue('webhook', T0, A_LEASE, 10, A);
        claimedInside();
        await held;
      });
      await inside;
      // Answered while the other claim's transaction is still open: not blocked on its row, not given it.
      expect(await claim(store, A, B_LEASE)).toEqual([]);
      release();
      await transaction;
      expect(leased).toHaveLength(1);
      expect(await claim(store, A, B_LEASE)).toEqual([]);
    },
  );

  it('queues an event once per receiver, however often it is written', async () => {
    const { repo, queue } = await outbox();
    await queue('e1', 1);
    await queue('e1', 1);
    expect(await repo.depth()).toBe(1);
  });

  it('gives a row whose sender died mid-attempt out again once its lease has run out, as taken over', async () => {
    const { store, queue } = await outbox();
    await queue('e1', 1);
    expect(await claim(store, A, { owner: 'a', until: T0 + 40_000 })).toHaveLength(1);
    // The attempt never settled (the process stopped): nobody else takes it during the lease...
    expect(await claim(store, A, B_LEASE, T0 + 39_999)).toEqual([]);
    // ...and after it, it is due again, taken over from the one that never settled it.
    expect(await store.leases.claimDue('webhook', T0 + 40_000, B_LEASE, 10, A)).toEqual([
      { id: expect.any(Number), takenOver: true },
    ]);
  });

  it('puts a given-up row back in the queue, due now, with a fresh start for giveUpAfter', async () => {
    const { store, repo, queue } = await outbox();
    await queue('e1', 1);
    const [[, , id]] = (await claim(store, A)) as [readonly [string, string, number]];
    const row = { id };
    await repo.giveUp(row.id, T0 + 1, 'HTTP 410', 1);
    expect((await repo.failed()).map((r) => [r.eventId, r.lastError])).toEqual([['e1', 'HTTP 410']]);
    expect(await repo.depth()).toBe(0);
    expect(await repo.requeue(row.id, T0 + 5_000)).toBe(true);
    expect(await repo.requeue(row.id, T0 + 5_000)).toBe(false);
    expect(await repo.get(row.id)).toMatchObject({
      state: 'pending',
      attempts: 0,
      since: T0 + 5_000,
      nextAt: T0 + 5_000,
    });
    expect(await repo.failed()).toEqual([]);
  });
});
