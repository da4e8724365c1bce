import { conditionHolds } from '../../../src/checklists/conditions';

const incident = { severity: 'SEV1', services: ['payments', 'search'], type: 'incident', isPrivate: false };

describe('a checklist condition', () => {
  it('without keys holds for every incident', () => {
    expect(conditionHolds({}, incident)).toBe(true);
  });

  it('holds when any of a key’s values matches (severities without regard to case)', () => {
    expect(conditionHolds({ severity: ['sev2', 'sev1'] }, incident)).toBe(true);
    expect(conditionHolds({ severity: ['SEV2', 'SEV3'] }, incident)).toBe(false);
    expect(conditionHolds({ service: ['ledger', 'payments'] }, incident)).toBe(true);
    expect(conditionHolds({ service: ['ledger'] }, incident)).toBe(false);
    expect(conditionHolds({ type: ['security', 'incident'] }, incident)).toBe(true);
    expect(conditionHolds({ type: ['drill'] }, incident)).toBe(false);
  });

  it('needs every key given to hold', () => {
    expect(conditionHolds({ severity: ['SEV1'], service: ['payments'] }, incident)).toBe(true);
    expect(conditionHolds({ severity: ['SEV1'], service: ['ledger'] }, incident)).toBe(false);
    expect(conditionHolds({ severity: ['SEV1'], private: true }, incident)).toBe(false);
    expect(conditionHolds({ private: true }, { ...incident, isPrivate: true })).toBe(true);
  });

  it('on a service holds only once the service is affected: a service added later makes it true', () => {
    const before = { ...incident, services: [] };
    expect(conditionHolds({ service: ['payments'] }, before)).toBe(false);
    expect(conditionHolds({ service: ['payments'] }, { ...before, services: ['payments'] })).toBe(true);
  });
});
