import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { declareFormFor } from '../shared/declare-form';
import type { ListenerDeps } from '../deps';
import { afterAck } from '../shared/user-errors';

/** The Home tab's Declare button: the same form as `/incident declare`, for the person who clicked. */
export function openDeclareModal(deps: ListenerDeps) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    await afterAck(
      async () => {
        await client.views.open({ trigger_id: body.trigger_id, view: declareFormFor(deps, { userId: body.user.id }) });
      },
      { client, logger: deps.logger, target: { userId: body.user.id } },
    );
  };
}
