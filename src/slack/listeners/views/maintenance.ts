import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { StatusPageError, type StatusPageErrorCode } from '../../../statuspage/statuspage.errors';
import type { Maintenance } from '../../../statuspage/statuspage.types';
import { FIELD } from '../../blocks/ids';
import { MAINTENANCE_MESSAGE_MAX, MAINTENANCE_TITLE_MAX } from '../../blocks/maintenance-modal';
import { modal, section } from '../../blocks/kit';
import { safeMrkdwn, slackDate } from '../../blocks/text';
import { formatZoned, minuteOf } from '../../text/form-times';
import type { ListenerDeps } from '../deps';
import { userMessageFor } from '../shared/user-errors';
import { optionalText, readZonedForm, requiredText } from '../shared/view-state';

/** A datetimepicker's value (unix seconds) as UTC milliseconds. */
const pickedTime = (message: string) =>
  z
    .string({ error: message })
    .regex(/^\d{1,12}$/, message)
    .transform((seconds) => Number(seconds) * 1000);

/** Every input of the maintenance form, the window checked against now (the minute now is in counts as now). */
function fieldsFor(deps: ListenerDeps, tz: string) {
  return z
    .object({
      [FIELD.title]: requiredText('Give the maintenance a title.').pipe(
        z.string().max(MAINTENANCE_TITLE_MAX, `Keep the title under ${MAINTENANCE_TITLE_MAX} characters.`),
      ),
      [FIELD.components]: z
        .string({ error: 'Choose at least one component.' })
        .transform((joined) => joined.split(',').filter((id) => id !== ''))
        .pipe(z.array(z.string()).min(1, 'Choose at least one component.')),
      [FIELD.startsAt]: pickedTime('Choose when it starts.'),
      [FIELD.endsAt]: pickedTime('Choose when it ends.'),
      [FIELD.message]: optionalText.pipe(
        z.string().max(MAINTENANCE_MESSAGE_MAX, `Keep the message under ${MAINTENANCE_MESSAGE_MAX} characters.`),
      ),
    })
    .superRefine((form, ctx) => {
      const now = deps.clock.now();
      const starts = form[FIELD.startsAt];
      const ends = form[FIELD.endsAt];
      if (starts < minuteOf(now))
        ctx.addIssue({
          code: 'custom',
          path: [FIELD.startsAt],
          message: `Choose a start from now on (it is ${formatZoned(minuteOf(now), tz)} in ${tz}).`,
        });
      if (ends <= starts)
        ctx.addIssue({ code: 'custom', path: [FIELD.endsAt], message: 'It must end after it starts.' });
      else if (ends <= now)
        ctx.addIssue({ code: 'custom', path: [FIELD.endsAt], message: 'It must end in the future.' });
    });
}

/** Under which field the domain's refusals go. */
const FIELD_OF: Partial<Record<StatusPageErrorCode, string>> = {
  empty_message: FIELD.title,
  unknown_component: FIELD.components,
  invalid_window: FIELD.endsAt,
};

const scheduledView = (m: Maintenance, deps: ListenerDeps) =>
  modal({
    title: 'Schedule maintenance',
    close: 'Close',
    blocks: [
      section(
        `✅ *${safeMrkdwn(m.title, 200)}* is scheduled from ${slackDate(m.startsAt, deps.policy.timezone)} to ${slackDate(m.endsAt, deps.policy.timezone)} and shows on the status page as upcoming. Its confirmation, with *Cancel* and *End now*, is in <#${deps.policy.announcementChannel ?? ''}>.`,
      ),
    ],
  });

/**
 * The maintenance form: every field checked, with the error under it, before it closes; then the
 * window is created (upcoming on the page at once) and the form says where its confirmation is. The
 * confirmation itself is posted after the commit, by the window's timed job.
 */
export function onMaintenanceSubmitted(deps: ListenerDeps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const read = await readZonedForm(view, (tz) => fieldsFor(deps, tz), ack, FIELD.title);
    if (!read) return;
    const { form } = read;
    try {
      const made = await deps.statusPage.maintenance.create({
        title: form[FIELD.title],
        components: form[FIELD.components],
        startsAt: form[FIELD.startsAt],
        endsAt: form[FIELD.endsAt],
        message: form[FIELD.message],
        by: body.user.id,
        key: view.id,
      });
      await ack({ response_action: 'update', view: scheduledView(made, deps) });
    } catch (error) {
      const field = (error instanceof StatusPageError && FIELD_OF[error.code]) || FIELD.title;
      await ack({ response_action: 'errors', errors: { [field]: userMessageFor(error, deps.logger) } });
    }
  };
}
