import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Incident } from '../../../incidents/incident.types';
import { IncidentError } from '../../../incidents/incidents.errors';
import type { ModalView } from '../../blocks/kit';
import type { ListenerDeps } from '../deps';
import { openGuardedForm } from '../guarded-form';
import { afterAck } from '../user-errors';

const IncidentId = z.coerce.number().int().positive();

/**
 * A button carrying an incident number opens one of that incident's modals. `changes`: the form
 * changes the incident, so only people allowed to change it may open it.
 */
export function openIncidentModal(deps: ListenerDeps, build: (incident: Incident) => ModalView, o: { changes?: boolean } = {}) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    await afterAck(
      async () => {
        const id = IncidentId.safeParse(action.value);
        const incident = id.success ? deps.incidents.get(id.data) : undefined;
        if (!incident) throw new IncidentError('incident_not_found', 'That incident no longer exists.');
        if (incident.resolvedAt !== null) {
          throw new IncidentError('incident_resolved', `Incident #${incident.id} is already resolved.`);
        }
        const view = build(incident);
        if (!o.changes) {
          await client.views.open({ trigger_id: body.trigger_id, view });
          return;
        }
        // Forms that change the incident (resolve, roles) are refused before they are filled in.
        await openGuardedForm(client, { triggerId: body.trigger_id, view, check: () => deps.incidents.authorize(incident, body.user.id), logger: deps.logger });
      },
      { client, logger: deps.logger, target: { userId: body.user.id, channelId: body.channel?.id, respond } },
    );
  };
}
