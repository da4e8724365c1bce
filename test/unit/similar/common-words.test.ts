import type { Tx } from '../../../src/store';
import { COMMON_WORDS_FROM } from '../../../src/store/incident-search.repository';
import { STORE_ENGINES } from '../../support/store-engines';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 1);

async function resolved(store: Tx, n: number, o: { title: string; impact: string; rootCause?: string }) {
  const { incident } = await store.incidents.insertOnce({
    declareKey: `history-${n}`,
    title: o.title,
    severity: 'SEV2',
    impact: o.impact,
    commanderId: 'UANA',
    declaredBy: 'UANA',
    declaredAt: START + n * HOUR,
    sourceViewId: null,
    isPrivate: false,
    type: 'incident',
  });
  await store.incidents.update(incident.id, {
    status: 'resolved',
    resolvedAt: START + n * HOUR + 1_800_000,
    resolution: 'Fixed',
    ...(o.rootCause ? { rootCause: o.rootCause } : {}),
  });
  return incident.id;
}

describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))(
  '%s: a search of a large history',
  (_name, makeEngine) => {
    const engine = makeEngine();
    let store: Tx;
    let payments: number;
    let last: number;
    beforeAll(async () => {
      store = await engine.fresh();
      await store.transaction(async (tx) => {
        for (let n = 1; n <= COMMON_WORDS_FROM + 20; n++) {
          if (n === 300)
            payments = await resolved(tx, n, {
              title: 'Card payments failing',
              impact: 'Customers cannot pay',
              rootCause: 'Expired TLS certificate on the Stripe webhook endpoint',
            });
          else
            last = await resolved(tx, n, {
              title: `Checkout errors ${n % 10 === 0 ? 'after a database failover' : ''}`,
              impact: 'Customers see errors',
            });
        }
      });
    }, 120_000);
    afterAll(() => engine.end());

    it('finds an old incident by the words few incidents hold, though nearly all hold the others', async () => {
      const found = await store.incidentSearch.resolvedMatching(
        ['stripe', 'webhooks', 'failing', 'tls', 'errors'],
        0,
        30,
      );
      expect(found[0]?.incident.id).toBe(payments);
      // The rest are the most recent holding the common word, its matching scoring nothing.
      expect(found).toHaveLength(30);
      expect(found.slice(1).map((f) => f.score)).toEqual(Array(29).fill(0));
      expect(found[1]?.incident.id).toBe(last);
    });

    it('ranks by words a tenth of the incidents hold, and gives the most recent when every word is common', async () => {
      const failover = await store.incidentSearch.resolvedMatching(['database', 'failover'], 0, 30);
      expect(failover).toHaveLength(30);
      expect(failover.every((f) => f.incident.title.includes('database failover') && f.score > 0)).toBe(true);

      const common = await store.incidentSearch.resolvedMatching(['checkout', 'errors'], 0, 5);
      expect(common.map((f) => f.incident.id)).toEqual([last, last - 1, last - 2, last - 3, last - 4]);
    });
  },
);
