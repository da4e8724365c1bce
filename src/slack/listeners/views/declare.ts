import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { findSeverity } from '../../../config/policy';
import type { Incident } from '../../../incidents/incident.types';
import { declaredView, declaringView, TITLE_MAX } from '../../blocks/declare-modal';
import { FIELD, PRIVATE_OPTION } from '../../blocks/ids';
import { modal, section } from '../../blocks/kit';
import { ignoreSlackErrors } from '../../adapters/slack-errors';
import type { ListenerDeps } from '../deps';
import { userMessageFor } from '../shared/user-errors';
import { optionalText, parseInputs, requiredText } from '../shared/view-state';
import { personErrors } from './incident-forms';
import { typeField } from '../shared/type-field';
import { serviceIds } from '../shared/service-ids';

const fieldsFor = (deps: ListenerDeps) =>
  z.object({
    [FIELD.title]: requiredText('Give the incident a title.').pipe(
      z.string().max(TITLE_MAX, `Keep the title under ${TITLE_MAX} characters.`),
    ),
    [FIELD.severity]: z
      .string({ error: 'Choose a severity.' })
      .refine((id) => findSeverity(deps.policy, id) !== undefined, 'Choose one of the listed severities.'),
    [FIELD.impact]: optionalText,
    [FIELD.commander]: z
      .string({ error: 'Choose who leads the response.' })
      .regex(/^[UW][A-Z0-9]+$/, 'Choose a person.'),
    [FIELD.services]: serviceIds(deps.policy),
    [FIELD.visibility]: z
      .string()
      .optional()
      .transform((ticked) => (ticked ?? '').split(',').includes(PRIVATE_OPTION)),
    [FIELD.type]: typeField(deps.policy),
  });

export function onDeclareSubmitted(deps: ListenerDeps) {
  const schema = fieldsFor(deps);
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const parsed = parseInputs(schema, view.state.values);
    const errors = parsed.ok
      ? await personErrors(deps, FIELD.commander, parsed.data[FIELD.commander], body.user.id)
      : parsed.errors;
    if (errors || !parsed.ok) {
      await ack({ response_action: 'errors', errors: errors ?? {} });
      return;
    }
    // Declaring takes several Slack calls, more than the 3 seconds Slack waits: show progress now
    // and put the outcome into the same modal when done.
    await ack({ response_action: 'update', view: declaringView() });
    const show = (next: ReturnType<typeof declaringView>) =>
      client.views.update({ view_id: view.id, view: next }).catch((error) => ignoreSlackErrors(error, 'not_found'));
    // The channel is shown as soon as it exists; the outcome again only if it has more to say.
    let shown = false;
    const showChannel = async (incident: Incident) => {
      await show(declaredView(incident, []));
      shown = true;
    };
    try {
      const result = await deps.incidents.declare(
        {
          key: view.id,
          title: parsed.data[FIELD.title],
          severity: parsed.data[FIELD.severity],
          impact: parsed.data[FIELD.impact],
          commanderId: parsed.data[FIELD.commander],
          declaredBy: body.user.id,
          sourceViewId: view.id,
          isPrivate: parsed.data[FIELD.visibility],
          type: parsed.data[FIELD.type],
          services: parsed.data[FIELD.services],
        },
        { onChannelReady: showChannel },
      );
      if (!shown || result.problems.length > 0) await show(declaredView(result.incident, result.problems));
    } catch (error) {
      const text = userMessageFor(error, deps.logger);
      await show(modal({ title: 'Declare an incident', close: 'Close', blocks: [section(`⚠️ ${text}`)] })).catch(
        () => undefined,
      );
    }
  };
}
