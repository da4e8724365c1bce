import { findSeverity, type Policy } from '../config/policy';
import type { Incident } from '../incidents/incident.types';

/**
 * Whether an incident needs a postmortem (runbook 002): its severity says required, or it lasted
 * longer than the severity's `requiredIfLongerThan`; a private (security) incident always does.
 */
export function postmortemRequired(policy: Policy, incident: Incident): boolean {
  if (incident.isPrivate) return true;
  const severity = findSeverity(policy, incident.severity);
  if (!severity) return false;
  if (severity.postmortem === 'required') return true;
  const lasted = (incident.resolvedAt ?? incident.declaredAt) - incident.declaredAt;
  return severity.requiredIfLongerThan !== null && lasted > severity.requiredIfLongerThan;
}

/** The steps of a required postmortem, in order, each with its deadline in the policy. */
export const POSTMORTEM_STEPS = ['report', 'draft', 'meeting', 'actions'] as const;
export type PostmortemStep = (typeof POSTMORTEM_STEPS)[number];

/** When each step is due for an incident resolved at `resolvedAt`. */
export function stepDeadlines(policy: Policy, resolvedAt: number): Record<PostmortemStep, number> {
  const d = policy.postmortemDeadlines;
  return {
    report: resolvedAt + d.report,
    draft: resolvedAt + d.draft,
    meeting: resolvedAt + d.meeting,
    actions: resolvedAt + d.actions,
  };
}
