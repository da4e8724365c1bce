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

  it('hands out only the head of each receiver and incident queue', async () => {
    const { repo, queue } = await outbox();
    await queue('e1', 1, [A, B]);
    await queue('e2', 1, [A, B]);
    await queue('e3', 2);
    const claimed = await repo.claimDue(T0, T0 + 60_000, 10);
    expect(claimed.map((r) => [r.eventId, r.url, r.attempts])).toEqual([
      ['e1', A, 1],
      ['e1', B, 1],
      ['e3', A, 1],
    ]);
    // e2 waits for e1 at A, even though e1 is being sent.
    expect(await repo.claimDue(T0, T0 + 60_000, 10)).toEqual([]);
    await repo.delivered(claimed[0]!.id, T0);
    expect((await repo.claimDue(T0, T0 + 60_000, 10)).map((r) => [r.eventId, r.url])).toEqual([['e2', A]]);
  });

  it("hands out one receiver's heads, or those of every receiver but the ones named", async () => {
    const { repo, queue } = await outbox();
    await queue('e1', 1, [A, B]);
    await queue('e2', 2, [A, B]);
    const lease = T0 + 60_000;
    expect((await repo.claimDue(T0, lease, 10, { url: B })).map((r) => [r.eventId, r.url])).toEqual([
      ['e1', B],
      ['e2', B],
    ]);
    expect((await repo.claimDue(T0, lease, 10, { otherThan: [A] })).map((r) => r.eventId)).toEqual([]);
    expect((await repo.claimDue(T0, lease, 1, { otherThan: [B] })).map((r) => [r.eventId, r.url])).toEqual([['e1', A]]);
    expect((await repo.claimDue(T0, lease, 10, { url: A })).map((r) => [r.eventId, r.url])).toEqual([['e2', A]]);
  });

  // SQLite runs one transaction at a time on its one connection; PostgreSQL's senders (or replicas) claim side by side.
  (_name === 'PostgreSQL' ? it : it.skip)(
    'leaves rows another claim holds to it instead of waiting for them',
    async () => {
      const { store, repo, queue } = await outbox();
      await queue('e1', 1);
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let leased: Array<{ eventId: string }> = [];
      let claimedInside = () => {};
      const inside = new Promise<void>((resolve) => {
        claimedInside = resolve;
      });
      const transaction = store.transaction(async (tx) => {
        leased = await tx.webhookOutbox.claimDue(T0, T0 + 60_000, 10);
        claimedInside();
        await held;
      });
      await inside;
      // Answered while the other claim's transaction is still open: not blocked on its row, not given it.
      expect(await repo.claimDue(T0, T0 + 60_000, 10)).toEqual([]);
      release();
      await transaction;
      expect(leased.map((r) => r.eventId)).toEqual(['e1']);
      expect(await repo.claimDue(T0, T0 + 60_000, 10)).toEqual([]);
    },
  );

  it('queues an event once per receiver, however often it is written', async () => {
    const { repo, queue } = await outbox();
    await queue('e1', 1);
    await queue('e1', 1);
    expect(await repo.depth()).toBe(1);
  });

  it('gives a row whose sender died mid-attempt out again once its lease has run out', async () => {
    const { repo, queue } = await outbox();
    await queue('e1', 1);
    expect(await repo.claimDue(T0, T0 + 40_000, 10)).toHaveLength(1);
    // The attempt never settled (the process stopped): nobody else takes it during the lease...
    expect(await repo.claimDue(T0 + 39_999, T0 + 80_000, 10)).toEqual([]);
    // ...and after it, it is due again, counted as a second attempt.
    expect((await repo.claimDue(T0 + 40_000, T0 + 80_000, 10)).map((r) => r.attempts)).toEqual([2]);
  });

  it('puts a given-up row back in the queue, due now, with a fresh start for giveUpAfter', async () => {
    const { repo, queue } = await outbox();
    await queue('e1', 1);
    const [row] = await repo.claimDue(T0, T0 + 40_000, 10);
    await repo.giveUp(row!.id, T0 + 1, 'HTTP 410');
    expect((await repo.failed()).map((r) => [r.eventId, r.lastError])).toEqual([['e1', 'HTTP 410']]);
    expect(await repo.depth()).toBe(0);
    expect(await repo.requeue(row!.id, T0 + 5_000)).toBe(true);
    expect(await repo.requeue(row!.id, T0 + 5_000)).toBe(false);
    expect(await repo.get(row!.id)).toMatchObject({
      state: 'pending',
      attempts: 0,
      since: T0 + 5_000,
      nextAt: T0 + 5_000,
    });
    expect(await repo.failed()).toEqual([]);
  });
});
