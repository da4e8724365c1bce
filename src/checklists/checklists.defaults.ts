import type { ChecklistConfig, ChecklistsPolicy } from './checklists.config';

type Item = ChecklistConfig['items'][number];
const item = (text: string, role: string | null, required = false): Item => ({ text, link: null, role, required });

/**
 * The lists Commander ships, item for item from the runbooks in shared/runbooks (a test reads them):
 * runbook 002's investigation checklist (§4) and runbook 000's communication steps (§3, "If P1/P2")
 * for the two most severe levels, its major incidents; runbook 003's resolution steps (Step 6) for
 * every incident. Built from the policy's own severities and roles, so a policy with other ids
 * (P1, P2) gets them too; an owner role the policy lacks is left out.
 */
export function defaultChecklists(severityIds: readonly string[], roleIds: readonly string[]): ChecklistsPolicy {
  const role = (id: string) => (roleIds.includes(id) ? id : null);
  const major = severityIds.slice(0, 2);
  const lists: ChecklistConfig[] = [
    {
      id: 'investigate',
      title: 'Investigation',
      when: { severity: major },
      onResolve: null,
      items: [
        item('Check SLO dashboard for current status', role('commander')),
        item('Review error logs in Loki/Grafana', role('commander')),
        item('Check recent deployments/changes', role('commander')),
        item('Verify service health (pods, containers)', role('commander')),
        item('Check database and Redis status', role('commander')),
        item('Review metrics for anomalies', role('commander')),
        item('Follow alert-specific runbook', role('commander')),
      ],
    },
    {
      id: 'communicate',
      title: 'Communication',
      when: { severity: major },
      onResolve: null,
      items: [
        item('Update status in #profile-incidents', role('comms')),
        item('If P1/P2, notify stakeholders', role('comms'), true),
        item('Update status page if public-facing', role('comms')),
      ],
    },
    {
      id: 'resolve',
      title: 'Resolution',
      when: {},
      onResolve: null,
      items: [
        item('Confirm fix is deployed and working', role('commander'), true),
        item('Monitor for 30 minutes', role('commander')),
        item('Update status page', role('comms')),
        item('Post final update', role('commander')),
      ],
    },
  ];
  return { onResolve: 'warn', lists: major.length === 0 ? lists.slice(2) : lists };
}
