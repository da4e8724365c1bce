import { parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';

const EXAMPLE = {
  name: 'payments SEV1',
  on: 'severity_changed',
  if: { severity: 'SEV1', service: 'payments' },
  do: [
    { invite: { usergroup: 'S0PAYLEADS' } },
    { post: 'Bridge: https://meet.example.com/{{channel}}' },
    { dm: { role: 'comms', text: 'SEV1 on {{services}}: the status page is yours' } },
  ],
};

const policyWith = (rule: Record<string, unknown>, more: Record<string, unknown> = {}) =>
  parsePolicy(
    { ...DEFAULT_POLICY_INPUT, services: [{ id: 'payments', name: 'Payments' }], rules: [rule], ...more },
    'commander.yml',
  );

/** The one line start-up stops with. */
const problem = (rule: Record<string, unknown>, more?: Record<string, unknown>) => {
  try {
    policyWith(rule, more);
  } catch (error) {
    return (error as Error).message;
  }
  return 'valid';
};

describe('the rules: policy key', () => {
  it('takes the #1198 example as it is written in docs/rules.md', () => {
    const [rule] = policyWith(EXAMPLE).rules;
    expect(rule!.on).toEqual({ change: 'severity_changed' });
    expect(rule!.if).toEqual({ severity: ['SEV1'], service: ['payments'] });
    expect(rule!.do.map((a) => a.kind)).toEqual(['invite', 'post', 'dm']);
  });

  it('takes the timed triggers with their durations', () => {
    expect(policyWith({ ...EXAMPLE, on: { no_update_for: '20m' } }).rules[0]!.on).toEqual({
      timed: 'no_update_for',
      after: 20 * 60_000,
    });
    expect(policyWith({ ...EXAMPLE, on: { followup_overdue: '1d' } }).rules[0]!.on).toEqual({
      timed: 'followup_overdue',
      after: 86_400_000,
    });
  });

  it.each([
    [
      { on: 'severity_change' },
      'commander.yml: rules.0.on: "severity_change" is not a trigger: must be one of declared,',
    ],
    [{ on: 'no_update_for' }, 'commander.yml: rules.0.on: no_update_for needs its duration: { no_update_for: 20m }'],
    [{ on: { no_update_for: 'soon' } }, 'commander.yml: rules.0.on.no_update_for: "soon" is not a duration'],
    [
      { do: [{ page: 'everyone' }] },
      'commander.yml: rules.0.do.0.page: "page" is not an action (actions: invite, post,',
    ],
    [
      { do: [{ post: 'Hi {{titel}}' }] },
      'commander.yml: rules.0.do.0.post: {{titel}} is not a template field (fields: number,',
    ],
    [{ if: { severity: 'SEV9' } }, 'commander.yml: rules.0.if.severity.0: names no severity ("SEV9"; known: SEV1'],
    [
      { if: { service: 'ledger' } },
      'commander.yml: rules.0.if.service.0: names no service ("ledger"; known: payments)',
    ],
    [{ if: { team: 'x' } }, 'commander.yml: rules.0.if: Unrecognized key: "team"'],
    [{ when: 'x' }, 'commander.yml: rules.0: Unrecognized key: "when"'],
    [
      { do: [{ dm: { role: 'boss', text: 'x' } }] },
      'commander.yml: rules.0.do.0.dm.role: names no role ("boss"; roles: commander,',
    ],
    [
      { do: [{ invite: { usergroup: 'payments-leads' } }] },
      'commander.yml: rules.0.do.0.invite.usergroup: must be a user group ID such as S0123ABCDEF',
    ],
    [
      { do: [{ invite: { service: 'ledger' } }] },
      'commander.yml: rules.0.do.0.invite.service: names no service in the catalog ("ledger")',
    ],
    [
      // Without `checklists:`, the runbooks' lists are the policy's (investigate, communicate, resolve).
      { do: [{ attach: 'payments-sev1' }] },
      'commander.yml: rules.0.do.0.attach: names no checklist ("payments-sev1"; checklists: investigate, communicate, resolve)',
    ],
    [
      { do: [{ escalate: { rotation: 'payments' } }] },
      'commander.yml: rules.0.do.0.escalate.rotation: names no rotation in oncall ("payments")',
    ],
    [
      { do: [{ webhook: { event: 'payments.sev1' } }] },
      'commander.yml: rules.0.do.0.webhook: the policy has no webhooks to send it to',
    ],
  ])('%j stops start-up with one line naming its key path', (change, line) => {
    const said = problem({ ...EXAMPLE, ...change });
    expect(said.startsWith(line)).toBe(true);
    expect(said).not.toContain('\n');
  });

  it('a rule name used twice is a problem at the second', () => {
    expect(() =>
      parsePolicy(
        { ...DEFAULT_POLICY_INPUT, services: [{ id: 'payments', name: 'P' }], rules: [EXAMPLE, EXAMPLE] },
        'c.yml',
      ),
    ).toThrow('c.yml: rules.1.name: "payments SEV1" is used twice');
  });
});
