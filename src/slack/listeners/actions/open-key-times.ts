import type { ListenerDeps } from '../deps';
import { openKeyTimesForm } from '../shared/key-times-form';
import { afterButtonAck } from '../shared/button';
import { incidentIdOf } from './open-incident-modal';

/** The Key times button on the resolved summary: the form is for resolved incidents too. */
export function openKeyTimes(deps: ListenerDeps) {
  return afterButtonAck(deps, async ({ body, action, client }) =>
    openKeyTimesForm(deps, client, {
      triggerId: body.trigger_id,
      userId: body.user.id,
      allowed: deps.incidents.requireAccess(incidentIdOf(action.value), body.user.id, { need: 'change' }),
      waitMs: deps.ackBudgetMs,
    }),
  );
}
