import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { capturedView } from '../../blocks/timeline-view';
import { FIELD } from '../../blocks/ids';
import { modal, section } from '../../blocks/kit';
import type { ListenerDeps } from '../deps';
import { userMessageFor } from '../user-errors';
import { parseInputs, parseMetadata } from '../view-state';

const Fields = z.object({ [FIELD.incident]: z.coerce.number({ error: 'Choose an incident.' }).int().positive('Choose an incident.') });
const Metadata = z.object({ token: z.string().uuid() });

/** The incident chosen for a captured message: recorded at once, the outcome shown in the modal. */
export function onIncidentPicked(deps: ListenerDeps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const parsed = parseInputs(Fields, view.state.values);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    try {
      const metadata = parseMetadata(Metadata, view.private_metadata);
      const message = metadata && deps.timeline.heldCapture(metadata.token);
      if (!message) throw new Error('The message to add has expired; use the shortcut on it again.');
      const incidentId = parsed.data[FIELD.incident];
      const incident = deps.incidents.get(incidentId);
      // The choice comes back over the wire: never let it reach a private incident the person cannot see.
      if (!incident || !(await deps.overview.canSee(incident, body.user.id))) throw new Error('That incident is not open to you.');
      const { created } = deps.timeline.addMessage(incidentId, message, body.user.id);
      await ack({ response_action: 'update', view: capturedView(incident, created) });
    } catch (error) {
      const text = error instanceof Error && !('code' in error) ? error.message : userMessageFor(error, deps.logger);
      await ack({ response_action: 'update', view: modal({ title: 'Add to timeline', close: 'Close', blocks: [section(`⚠️ ${text}`)] }) });
    }
  };
}
