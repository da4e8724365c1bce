import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { findSeverity } from '../../../config/policy';
import type { Incident } from '../../../incidents/incident.types';
import { PastTimeError, pastTimesProblem } from '../../../incidents/record-past';
import { declaredView, TITLE_MAX } from '../../blocks/declare-modal';
import { CHANNEL_OPTION, FIELD } from '../../blocks/ids';
import { modal, section } from '../../blocks/kit';
import { incidentRef } from '../../blocks/incident-format';
import { formatZoned, minuteOf, parseZoned } from '../../text/form-times';
import type { ListenerDeps } from '../deps';
import { typeField } from '../shared/type-field';
import { userMessageFor } from '../shared/user-errors';
import { optionalText, readZonedForm, requiredText } from '../shared/view-state';

const FIELD_OF = { startedAt: FIELD.startedAt, endedAt: FIELD.endedAt } as const;

/** Every input of the record form, times read in the zone the form was written in and checked against now. */
function fieldsFor(deps: ListenerDeps, tz: string) {
  const time = (what: string) =>
    z.string({ error: `Give the time it ${what}.` }).transform((text, ctx) => {
      const at = parseZoned(text, tz);
      if (at === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `Write the time as YYYY-MM-DD HH:MM, e.g. ${formatZoned(minuteOf(deps.clock.now()), tz)}.`,
        });
        return z.NEVER;
      }
      return at;
    });
  return z
    .object({
      [FIELD.title]: requiredText('Give the incident a title.').pipe(
        z.string().max(TITLE_MAX, `Keep the title under ${TITLE_MAX} characters.`),
      ),
      [FIELD.severity]: z
        .string({ error: 'Choose a severity.' })
        .refine((id) => findSeverity(deps.policy, id) !== undefined, 'Choose one of the listed severities.'),
      [FIELD.type]: typeField(deps.policy),
      [FIELD.startedAt]: time('started'),
      [FIELD.endedAt]: time('ended'),
      [FIELD.summary]: optionalText,
      [FIELD.createChannel]: z
        .string()
        .optional()
        .transform((ticked) => (ticked ?? '').split(',').includes(CHANNEL_OPTION)),
    })
    .superRefine((form, ctx) => {
      const problem = pastTimesProblem(
        { startedAt: form[FIELD.startedAt], endedAt: form[FIELD.endedAt] },
        deps.clock.now(),
      );
      if (problem) ctx.addIssue({ code: 'custom', path: [FIELD_OF[problem.field]], message: problem.message });
    });
}

/**
 * The record form: every field checked, with the error under it, before it closes; then the
 * incident is recorded (and its channel made, when asked) and the form says where it is.
 */
export function onRecordSubmitted(deps: ListenerDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const read = await readZonedForm(view, (tz) => fieldsFor(deps, tz), ack, FIELD.title);
    if (!read) return;
    const { form } = read;
    const input = {
      key: view.id,
      title: form[FIELD.title],
      severity: form[FIELD.severity],
      type: form[FIELD.type],
      startedAt: form[FIELD.startedAt],
      endedAt: form[FIELD.endedAt],
      summary: form[FIELD.summary],
      recordedBy: body.user.id,
      createChannel: form[FIELD.createChannel],
    };
    if (!input.createChannel) {
      // Nothing to wait for in Slack: the outcome goes in the acknowledgement.
      try {
        const { incident } = await deps.incidents.recordPast(input);
        await ack({ response_action: 'update', view: recordedView(incident) });
      } catch (error) {
        await ack(refusal(error, deps));
      }
      return;
    }
    await ack({
      response_action: 'update',
      view: modal({
        title: 'Record a past incident',
        close: 'Close',
        blocks: [section('⏳ Recording the incident and opening its channel…')],
      }),
    });
    const show = (next: ReturnType<typeof modal>) =>
      client.views.update({ view_id: view.id, view: next }).catch(() => undefined);
    try {
      const result = await deps.incidents.recordPast(input);
      await show(declaredView(result.incident, result.problems));
    } catch (error) {
      await show(
        modal({
          title: 'Record a past incident',
          close: 'Close',
          blocks: [section(`⚠️ ${userMessageFor(error, deps.logger)}`)],
        }),
      );
    }
  };
}

const recordedView = (incident: Incident) =>
  modal({
    title: `Incident #${incident.id}`,
    close: 'Close',
    blocks: [
      section(
        `✅ Incident ${incidentRef(incident)} is recorded as resolved, with the times you gave. Its postmortem: \`npm run export -- ${incident.id}\` (it has no channel).`,
      ),
    ],
  });

/** A time the service refused goes under its field; anything else under the title. */
function refusal(error: unknown, deps: ListenerDeps) {
  if (error instanceof PastTimeError)
    return { response_action: 'errors' as const, errors: { [FIELD_OF[error.problem.field]]: error.problem.message } };
  return { response_action: 'errors' as const, errors: { [FIELD.title]: userMessageFor(error, deps.logger) } };
}
