import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { IncidentError } from '../../../incidents/incidents.errors';
import type { Incident } from '../../../incidents/incident.types';
import { capturedView } from '../../blocks/timeline-view';
import { FIELD } from '../../blocks/ids';
import { modal, section, type ModalView } from '../../blocks/kit';
import { ignoreSlackErrors } from '../../adapters/slack-errors';
import type { ListenerDeps } from '../deps';
import { userMessageFor } from '../shared/user-errors';
import { parseInputs, parseMetadata } from '../shared/view-state';
import { within } from '../shared/within';

const Fields = z.object({
  [FIELD.incident]: z.coerce.number({ error: 'Choose an incident.' }).int().positive('Choose an incident.'),
});
const Metadata = z.object({ token: z.string().uuid() });

const notice = (text: string): ModalView =>
  modal({ title: 'Add to timeline', close: 'Close', blocks: [section(text)] });

/**
 * The incident chosen for a captured message. The choice comes back over the wire, so it may
 * name a private incident the person cannot see: that is checked (which can ask Slack) before
 * anything is recorded, and the outcome is shown in the modal, in the ack when the check is quick.
 */
export function onIncidentPicked(deps: ListenerDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const parsed = parseInputs(Fields, view.state.values);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const record = async (): Promise<ModalView> => {
      try {
        const metadata = parseMetadata(Metadata, view.private_metadata);
        const message = metadata && (await deps.timeline.heldCapture(metadata.token));
        if (!message)
          throw new IncidentError('capture_expired', 'The message to add has expired; use the shortcut on it again.');
        const incident: Incident | undefined = await deps.incidents.get(parsed.data[FIELD.incident]);
        // Adding to it is a change: a private incident's membership is confirmed with Slack.
        if (!incident || !(await deps.overview.canSee(incident, body.user.id, { confirm: true })))
          throw new IncidentError('not_allowed', 'That incident is not open to you.');
        const { created } = await deps.timeline.addMessage(incident.id, message, body.user.id);
        return capturedView(incident, created);
      } catch (error) {
        return notice(`⚠️ ${userMessageFor(error, deps.logger)}`);
      }
    };
    const outcome = record();
    const quick = await within(deps.ackBudgetMs, outcome);
    if (quick) {
      await ack({ response_action: 'update', view: quick });
      return;
    }
    await ack({ response_action: 'update', view: notice('⏳ Adding the message to the timeline…') });
    await client.views
      .update({ view_id: view.id, view: await outcome })
      .catch((error) => ignoreSlackErrors(error, 'not_found'));
  };
}
