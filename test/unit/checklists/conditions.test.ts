import { conditionHolds, listsToAttach } from '../../../src/checklists/conditions';
import { listsAChangeAttaches } from '../../../src/checklists/lists-a-change-attaches';

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

describe('the lists a change attaches', () => {
  const list = (id: string, when: Record<string, unknown>) => ({
    id,
    title: id,
    when,
    onResolve: null,
    items: [{ text: 'Do it', link: null, role: null, required: false }],
  });
  const lists = [list('sev1', { severity: ['SEV1'] }), list('payments', { service: ['payments'] }), list('all', {})];

  it('are those met now and not held yet, in the policy’s order', () => {
    expect(listsToAttach(lists, new Set(['all']), { ...incident, resolved: false }).map((l) => l.id)).toEqual([
      'sev1',
      'payments',
    ]);
    expect(
      listsToAttach(lists, new Set(), { ...incident, severity: 'SEV2', resolved: false }).map((l) => l.id),
    ).toEqual(['payments', 'all']);
  });

  it('are none once the incident is resolved', () => {
    expect(listsToAttach(lists, new Set(), { ...incident, resolved: true })).toEqual([]);
  });

  it('in a dry run, leave out what the incident met before the change: SEV2 → SEV1 adds only the SEV1 list', () => {
    const before = { ...incident, severity: 'SEV2' };
    expect(listsAChangeAttaches(lists, before, { ...incident, resolved: false }).map((l) => l.id)).toEqual(['sev1']);
    expect(listsAChangeAttaches(lists, null, { ...incident, resolved: false }).map((l) => l.id)).toEqual([
      'sev1',
      'payments',
      'all',
    ]);
  });
});
