import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { context } from '../../blocks/kit';
import { slackDate } from '../../blocks/text';
import type { ListenerDeps } from '../deps';
import { afterAck } from '../shared/user-errors';
import { incidentIdOf } from './open-incident-modal';

/** Acknowledge on the commander's DM or a briefing: recorded once, and the DM says so in place of its buttons. */
export function acknowledge(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    await afterAck(
      async () => {
        // A stale or forged button is refused by the domain, the same way whether or not the incident exists.
        await deps.incidents.acknowledge({ incidentId: incidentIdOf(action.value), userId: body.user.id });
        const original = (body.message?.blocks ?? []).filter((b: { type: string }) => b.type !== 'actions');
        const at = slackDate(deps.clock.now(), deps.policy.timezone, '{time}');
        await respond({
          replace_original: true,
          text: 'Acknowledged',
          blocks: [...original, context(`✅ Acknowledged by <@${body.user.id}> at ${at}.`)],
        });
      },
      { client, logger: deps.logger, target: { userId: body.user.id, respond } },
    );
  };
}
