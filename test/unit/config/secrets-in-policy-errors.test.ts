import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';
import { parsePolicy } from '../../../src/config/policy';

const GH_TOKEN = 'ghp_policyErrorToken0123456789abcdef';
const BAD_KEY = 'not-a-key-but-still-secret-0123456789';

const errorOf = (input: Record<string, unknown>): string => {
  try {
    parsePolicy({ ...DEFAULT_POLICY_INPUT, ...input });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the policy was taken');
};

describe('a policy refused over its trackers or paging', () => {
  it('names the wrong field but never quotes a token or routing key', () => {
    const [sev1, ...rest] = DEFAULT_POLICY_INPUT.severities;
    const message = errorOf({
      trackers: {
        default: 'github',
        github: { repo: 'not a repo', token: GH_TOKEN, extra: GH_TOKEN },
        jira: { url: 'https://x.atlassian.net', project: 'OPS', email: GH_TOKEN, token: GH_TOKEN },
      },
      severities: [
        { ...sev1, escalation: [{ after: '20m', notify: { pagerduty: { routingKey: BAD_KEY } } }] },
        ...rest,
      ],
    });
    expect(message).toContain('trackers.github.repo');
    expect(message).toContain('routingKey');
    expect(message).not.toContain(GH_TOKEN);
    expect(message).not.toContain(BAD_KEY);
  });
});
