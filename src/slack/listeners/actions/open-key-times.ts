import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { openKeyTimesForm } from '../shared/key-times-form';
import { afterAck } from '../shared/user-errors';
import { incidentIdOf } from './open-incident-modal';

/** The Key times button on the resolved summary: the form is for resolved incidents too. */
export function openKeyTimes(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    await afterAck(
      () =>
        openKeyTimesForm(deps, client, {
          triggerId: body.trigger_id,
          userId: body.user.id,
          allowed: deps.incidents.requireAccess(incidentIdOf(action.value), body.user.id, { need: 'change' }),
          waitMs: deps.ackBudgetMs,
        }),
      { client, logger: deps.logger, target: { userId: body.user.id, channelId: body.channel?.id, respond } },
    );
  };
}
