import { DEFAULT_POLICY, type Policy } from '../../../src/config/policy';
import { followingFor, matches, parseWish, severitiesAtOrBelow } from '../../../src/follows/subscriptions';
import type { Subscription } from '../../../src/follows/follows.types';

// Matching reads only the severities and the catalog's ids.
const policy = {
  ...DEFAULT_POLICY,
  services: [
    { id: 'payments', name: 'Payments service' },
    { id: 'search', name: 'Search' },
  ],
} as unknown as Policy;
const sub = (id: number, userId: string, field: 'service' | 'severity', value: string): Subscription => ({
  id,
  userId,
  field,
  value,
  createdAt: 0,
});
const incident = (severity: string, type = 'incident') => ({ severity, type });

describe('reading a subscription', () => {
  it('takes service:<id> and severity:<id>, stored as the policy spells them', () => {
    expect(parseWish('service:Payments', policy)).toEqual({ ok: true, wish: { field: 'service', value: 'payments' } });
    expect(parseWish(' severity:sev2 ', policy)).toEqual({ ok: true, wish: { field: 'severity', value: 'SEV2' } });
    expect(parseWish('SEVERITY=SEV1', policy)).toEqual({ ok: true, wish: { field: 'severity', value: 'SEV1' } });
  });

  it('answers an unknown service or severity, or anything else, with a sentence naming what there is', () => {
    expect(parseWish('service:ledger', policy)).toEqual({
      ok: false,
      problem: 'There is no service "ledger". Services: payments, search.',
    });
    expect(parseWish('severity:SEV9', policy)).toEqual({
      ok: false,
      problem: 'There is no severity "SEV9". Severities: SEV1, SEV2, SEV3, SEV4.',
    });
    for (const text of ['', 'payments', 'team:payments', 'service:a b'])
      expect(parseWish(text, policy)).toMatchObject({ ok: false, problem: expect.stringContaining('service:<id>') });
    expect(parseWish('service:payments', DEFAULT_POLICY)).toEqual({
      ok: false,
      problem: 'The catalog has no services to follow.',
    });
  });
});

describe('which incidents a subscription follows', () => {
  it('a service subscription follows incidents that hurt the service, whatever their severity', () => {
    const payments = { field: 'service', value: 'payments' } as const;
    expect(matches(payments, incident('SEV4'), ['search', 'payments'], policy)).toBe(true);
    expect(matches(payments, incident('SEV1'), ['search'], policy)).toBe(false);
    expect(matches(payments, incident('SEV1'), [], policy)).toBe(false);
  });

  it('a severity subscription follows incidents that severe or more', () => {
    const sev2 = { field: 'severity', value: 'SEV2' } as const;
    expect(matches(sev2, incident('SEV1'), [], policy)).toBe(true);
    expect(matches(sev2, incident('SEV2'), [], policy)).toBe(true);
    expect(matches(sev2, incident('SEV3'), [], policy)).toBe(false);
    expect(matches({ field: 'severity', value: 'SEV9' }, incident('SEV1'), [], policy)).toBe(false);
  });

  it('drills follow nobody', () => {
    expect(matches({ field: 'severity', value: 'SEV4' }, incident('SEV1', 'drill'), [], policy)).toBe(false);
    expect(matches({ field: 'service', value: 'payments' }, incident('SEV1', 'drill'), ['payments'], policy)).toBe(
      false,
    );
  });

  it('the severities a matching subscription may name are the incident’s own and every milder one', () => {
    expect(severitiesAtOrBelow(policy, 'SEV2')).toEqual(['SEV2', 'SEV3', 'SEV4']);
    expect(severitiesAtOrBelow(policy, 'sev4')).toEqual(['SEV4']);
    expect(severitiesAtOrBelow(policy, 'SEV9')).toEqual([]);
  });

  it('follows once per person, by their oldest matching subscription, and leaves out the ones that do not match', () => {
    const candidates = [
      sub(7, 'UCAROL', 'severity', 'SEV3'),
      sub(3, 'UCAROL', 'service', 'payments'),
      sub(4, 'UDAVE', 'severity', 'SEV1'),
      sub(5, 'UERIN', 'service', 'search'),
    ];
    expect(followingFor(candidates, incident('SEV2'), ['payments'], policy).map((s) => [s.userId, s.id])).toEqual([
      ['UCAROL', 3],
    ]);
    expect(followingFor(candidates, incident('SEV1'), ['search'], policy).map((s) => [s.userId, s.id])).toEqual([
      ['UDAVE', 4],
      ['UERIN', 5],
      ['UCAROL', 7],
    ]);
  });
});
