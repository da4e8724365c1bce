import { ConfigError } from '../../../src/config/config.errors';
import { DEFAULT_POLICY, parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';

const PAYMENTS = { id: 'payments', name: 'Payments API' };

/** The example, with the catalog it names. */
const EXAMPLE = {
  onResolve: 'warn',
  lists: [
    {
      id: 'investigate',
      title: 'Investigation',
      when: { severity: ['SEV1', 'SEV2'] },
      items: [
        { text: 'Check the SLO dashboard', link: 'https://grafana.example.com/d/slo' },
        { text: 'Check recent deployments', role: 'commander' },
        { text: 'Tell Customer Success', role: 'comms', required: true },
      ],
    },
  ],
};

const parse = (checklists: unknown) =>
  parsePolicy({ ...DEFAULT_POLICY_INPUT, services: [PAYMENTS], checklists }, 'commander.yml');

/** The one line start-up stops with, or '' when the policy is accepted. */
const problem = (checklists: unknown): string => {
  try {
    parse(checklists);
    return '';
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message;
  }
};

const withList = (list: Record<string, unknown>) => ({
  lists: [{ id: 'x', title: 'X', items: [{ text: 'Do it' }], ...list }],
});

describe('the checklists policy key', () => {
  it('takes the example as written: lists mean any of, a list without onResolve takes the top-level one', () => {
    const { checklists } = parse(EXAMPLE);
    expect(checklists.onResolve).toBe('warn');
    expect(checklists.lists[0]).toEqual({
      id: 'investigate',
      title: 'Investigation',
      when: { severity: ['SEV1', 'SEV2'] },
      onResolve: null,
      items: [
        { text: 'Check the SLO dashboard', link: 'https://grafana.example.com/d/slo', role: null, required: false },
        { text: 'Check recent deployments', link: null, role: 'commander', required: false },
        { text: 'Tell Customer Success', link: null, role: 'comms', required: true },
      ],
    });
    expect(parse(withList({ when: { service: 'payments' } })).checklists.lists[0]?.when).toEqual({
      service: ['payments'],
    });
  });

  it.each([
    [
      { when: { severity: ['SEV1', 'SEV9'] } },
      'commander.yml: checklists.lists.0.when.severity.1: names no severity ("SEV9"; the policy has SEV1, SEV2, SEV3, SEV4)',
    ],
    [
      { when: { service: 'ledger' } },
      'commander.yml: checklists.lists.0.when.service.0: names no service in the catalog ("ledger"; the policy has payments)',
    ],
    [
      { when: { type: ['outage'] } },
      'commander.yml: checklists.lists.0.when.type.0: names no incident type ("outage"; the policy has incident, security, drill, maintenance)',
    ],
    [
      { items: [{ text: 'Call legal', role: 'lawyer' }] },
      'commander.yml: checklists.lists.0.items.0.role: names no role ("lawyer"; the policy has commander, comms, scribe)',
    ],
    [{ when: { colour: 'red' } }, 'commander.yml: checklists.lists.0.when: Unrecognized key: "colour"'],
    [{ onResolve: 'block' }, 'commander.yml: checklists.lists.0.onResolve:'],
    [{ items: [{ text: 'See', link: 'ftp://x' }] }, 'commander.yml: checklists.lists.0.items.0.link:'],
    [{ items: [] }, 'commander.yml: checklists.lists.0.items: needs at least one item'],
  ])('%j stops start-up with one line naming its key path', (list, message) => {
    const said = problem(withList(list));
    expect(said).toContain(message);
    expect(said).not.toContain('\n');
  });

  it('refuses two lists with one id', () => {
    const list = { id: 'x', title: 'X', items: [{ text: 'Do it' }] };
    expect(problem({ lists: [list, list] })).toBe('commander.yml: checklists.lists: ids must be unique');
  });

  it('left out, ships the runbooks’ lists on the policy’s own two most severe levels', () => {
    expect(DEFAULT_POLICY.checklists.lists.map((l) => [l.id, l.when])).toEqual([
      ['investigate', { severity: ['SEV1', 'SEV2'] }],
      ['communicate', { severity: ['SEV1', 'SEV2'] }],
      ['resolve', {}],
    ]);
    const other = parsePolicy({
      ...DEFAULT_POLICY_INPUT,
      severities: [
        { id: 'P1', name: 'Critical' },
        { id: 'P2', name: 'High' },
        { id: 'P3', name: 'Medium' },
      ],
      roles: [{ id: 'commander', name: 'Lead' }],
    });
    expect(other.checklists.lists[0]?.when).toEqual({ severity: ['P1', 'P2'] });
    // A role the policy lacks is left off the items rather than failing start-up.
    expect(new Set(other.checklists.lists.flatMap((l) => l.items.map((i) => i.role)))).toEqual(
      new Set(['commander', null]),
    );
  });
});
