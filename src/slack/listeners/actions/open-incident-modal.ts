import type { Incident } from '../../../incidents/incident.types';
import type { ModalView } from '../../blocks/kit';
import type { ListenerDeps } from '../deps';
import { openFormWhenAllowed } from '../shared/incident-form';
import { afterButtonAck } from '../shared/button';
import { IncidentId } from '../shared/view-state';
import { settle } from '../shared/within';

/** The incident number a button carries; a missing or forged one reads as an incident that is not there. */
export const incidentIdOf = (value: unknown): number => {
  const id = IncidentId.safeParse(value);
  return id.success ? id.data : 0;
};

/**
 * A button carrying an incident number opens one of that incident's forms. Every one of them
 * changes the incident, so the form opens only for people who may change it, while it is open;
 * a stale or forged button gets a sentence instead (see incident-form.ts).
 */
export function openIncidentModal(deps: ListenerDeps, build: (incident: Incident) => ModalView | Promise<ModalView>) {
  return afterButtonAck(deps, async ({ body, action, client }) => {
    const allowed = deps.incidents.requireAccess(incidentIdOf(action.value), body.user.id, {
      need: 'change',
      open: true,
    });
    await openFormWhenAllowed(client, {
      triggerId: body.trigger_id,
      decided: settle(allowed.then(build)),
      waitMs: deps.ackBudgetMs,
      logger: deps.logger,
    });
  });
}
