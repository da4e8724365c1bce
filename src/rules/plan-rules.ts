import type { Policy } from '../config/policy';
import type { AfterChange, ChangeFacts } from '../incidents/after-change';
import type { Incident } from '../incidents/incident.types';
import type { Tx } from '../store';
import { firingsFor, type RuleEvent } from './decide';
import { viewOf } from './incident-view';

/**
 * The change-triggered events a change is, each with its occurrence: a rule fires once per rule,
 * incident and occurrence. The occurrence is what the change reached (a severity, a status, a
 * role's holder, a service), so an incident going SEV1 → SEV2 → SEV1 fires a SEV1 rule once; a
 * resolution is one occurrence per resolution (a reopened incident resolved again fires again).
 */
export function eventsOf(incident: Incident, facts: ChangeFacts): RuleEvent[] {
  const events: RuleEvent[] = [];
  if (facts.declared) events.push({ trigger: 'declared', occurrence: 'declared' });
  if (facts.severityChanged) events.push({ trigger: 'severity_changed', occurrence: `severity:${incident.severity}` });
  if (facts.statusChanged) events.push({ trigger: 'status_changed', occurrence: `status:${incident.status}` });
  if (facts.roleAssigned) {
    const holder = facts.roleAssigned === 'commander' ? incident.commanderId : incident.roles[facts.roleAssigned];
    events.push({ trigger: 'role_assigned', occurrence: `role:${facts.roleAssigned}:${holder ?? ''}` });
  }
  for (const service of facts.servicesAdded)
    events.push({ trigger: 'service_added', occurrence: `service:${service}`, service });
  if (facts.resolved) events.push({ trigger: 'resolved', occurrence: `resolved:${facts.at}` });
  return events;
}

/**
 * Records the firings a change triggers, from the incidents' one hook, in the change's own
 * transaction: the change and its firings are committed together or not at all, and the table's
 * key makes a firing once. Their actions run as leased timed work (rule-firings.ts); `wake` asks
 * for that work soon after the commit rather than at the next tick.
 */
export function planRules({ policy, wake }: { policy: Policy; wake?: () => void }): AfterChange {
  return async (incident, facts, tx: Tx) => {
    if (policy.rules.length === 0 || incident.retroactive) return;
    const events = eventsOf(incident, facts);
    if (events.length === 0) return;
    const view = viewOf(incident, await tx.incidentServices.of(incident.id), policy.services);
    let fired = false;
    for (const event of events) {
      for (const firing of firingsFor(policy.rules, event, view, policy.services)) {
        const id = await tx.ruleFirings.fireOnce({ incidentId: incident.id, ...firing, at: facts.at });
        fired ||= id !== null;
      }
    }
    if (fired && wake) tx.afterCommit(wake);
  };
}
