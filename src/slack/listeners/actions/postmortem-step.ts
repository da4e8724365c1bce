import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { POSTMORTEM_STEPS } from '../../../postmortem/requirement';
import { postmortemStepDoneText } from '../../blocks/postmortem-nudge';
import type { ListenerDeps } from '../deps';
import { afterAck } from '../shared/user-errors';

const StepValue = z
  .string()
  .regex(/^\d+:[a-z]+$/)
  .transform((v) => v.split(':') as [string, string])
  .pipe(z.tuple([z.string().transform(Number).pipe(z.number().int().positive()), z.enum(POSTMORTEM_STEPS)]));

/** The one button of a postmortem nudge: records the step done and says so in place of the nudge. */
export function markPostmortemStep(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const parsed = StepValue.safeParse(action.value);
    if (!parsed.success) return;
    const [incidentId, step] = parsed.data;
    await afterAck(
      async () => {
        await deps.followThrough.markDone({ incidentId, step, actorId: body.user.id });
        const incident = await deps.incidents.get(incidentId);
        if (incident) await respond({ replace_original: true, text: postmortemStepDoneText(incident, step) });
      },
      { client, logger: deps.logger, target: { userId: body.user.id, channelId: body.channel?.id, respond } },
    );
  };
}
