import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { DeclarePrefill } from '../../blocks/alert-messages';
import { declareFormFor } from '../shared/declare-form';
import type { ListenerDeps } from '../deps';
import { afterAck } from '../shared/user-errors';

/** An alert notice's Declare button: the declare form, filled in from the alert, for whoever clicked. */
export function declareFromAlert(deps: ListenerDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    await afterAck(
      async () => {
        let prefill: DeclarePrefill | undefined;
        try {
          const parsed = DeclarePrefill.safeParse(JSON.parse(action.value ?? ''));
          if (parsed.success) prefill = parsed.data;
        } catch {
          // A value we did not write: the form opens empty rather than not at all.
        }
        const form = declareFormFor(deps, {
          userId: body.user.id,
          ...(prefill ? { title: prefill.t, severity: prefill.s, impact: prefill.i } : {}),
          ...(body.channel?.id ? { originChannelId: body.channel.id } : {}),
        });
        await client.views.open({ trigger_id: body.trigger_id, view: form });
      },
      { client, logger: deps.logger, target: { userId: body.user.id } },
    );
  };
}
