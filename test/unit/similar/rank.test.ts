import { type Candidate, rankSimilar } from '../../../src/similar/rank';
import { searchWords } from '../../../src/similar/search-words';
import { anIncident, T0 } from '../../support/incident-fixture';

const DAY = 86_400_000;
const NOW = T0 + 400 * DAY;

const candidate = (
  id: number,
  textScore: number,
  o: Partial<Candidate> & { rootCause?: string; resolvedDaysAgo?: number } = {},
): Candidate => ({
  incident: anIncident({
    id,
    title: `Incident ${id}`,
    resolvedAt: NOW - (o.resolvedDaysAgo ?? 30) * DAY,
    rootCause: o.rootCause ?? null,
  }),
  textScore,
  services: o.services ?? [],
  alerts: o.alerts ?? [],
});

const ids = (ranked: Candidate[]) => ranked.map((c) => c.incident.id);
const looking = { services: ['payments'], alerts: ['alertmanager/StripeWebhookErrors'], now: NOW };

describe('ranking similar incidents', () => {
  it('orders by how well the words matched when nothing else differs', () => {
    expect(ids(rankSimilar([candidate(1, 2), candidate(2, 9), candidate(3, 5)], looking))).toEqual([2, 3, 1]);
  });

  it('keeps at most three', () => {
    expect(
      rankSimilar(
        [1, 2, 3, 4, 5].map((n) => candidate(n, n)),
        looking,
      ),
    ).toHaveLength(3);
  });

  it('puts an incident on the same service ahead of a somewhat better match in words', () => {
    const ranked = rankSimilar([candidate(1, 10), candidate(2, 7, { services: ['payments'] })], looking);
    expect(ids(ranked)).toEqual([2, 1]);
  });

  it('puts an incident where the same alert fired ahead of a somewhat better match in words', () => {
    const ranked = rankSimilar(
      [candidate(1, 10), candidate(2, 7, { alerts: ['alertmanager/StripeWebhookErrors'] })],
      looking,
    );
    expect(ids(ranked)).toEqual([2, 1]);
  });

  it('does not let a shared service lift a poor match in words over a close one', () => {
    const ranked = rankSimilar([candidate(1, 10), candidate(2, 1, { services: ['payments'] })], looking);
    expect(ids(ranked)).toEqual([1, 2]);
  });

  it('between equal matches, prefers one with a written root cause, then the more recent', () => {
    const ranked = rankSimilar(
      [
        candidate(1, 5, { resolvedDaysAgo: 300 }),
        candidate(2, 5, { resolvedDaysAgo: 5 }),
        candidate(3, 5, { resolvedDaysAgo: 300, rootCause: 'Expired certificate' }),
      ],
      looking,
    );
    expect(ids(ranked)).toEqual([3, 2, 1]);
  });

  it('a blank root cause counts as none', () => {
    const ranked = rankSimilar(
      [candidate(1, 5, { rootCause: '  ', resolvedDaysAgo: 10 }), candidate(2, 5, { resolvedDaysAgo: 10 })],
      looking,
    );
    expect(ids(ranked)).toEqual([2, 1]);
  });
});

describe('the words searched for', () => {
  it('are lower case letters and digits, each once, without the commonest words', () => {
    expect(searchWords('Stripe webhooks failing with TLS errors (TLS 1.2)!')).toEqual([
      'stripe',
      'webhooks',
      'failing',
      'tls',
      'errors',
    ]);
  });

  it('keep no operator or quote the search engines would read', () => {
    expect(searchWords('"a" OR b* NEAR(c) -d | e & f:g')).toEqual(['near']);
    expect(searchWords('Zahlungen schlagen fehl: Zertifikat abgelaufen')).toEqual([
      'zahlungen',
      'schlagen',
      'fehl',
      'zertifikat',
      'abgelaufen',
    ]);
  });
});
