import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { afterAck } from './user-errors';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * A button's listener: acknowledged at once (a click must never wait on Slack or the database),
 * then its work, whose failure is answered privately to whoever clicked, as a sentence.
 */
export function afterButtonAck(deps: ListenerDeps, work: (args: ButtonArgs) => Promise<void>) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const { body, client, respond } = args;
    await afterAck(() => work(args), {
      client,
      logger: deps.logger,
      target: { userId: body.user.id, channelId: body.channel?.id, respond },
    });
  };
}

/** The clicked message's blocks without its buttons: what a DM keeps once its button has done its job. */
export const withoutButtons = (body: ButtonArgs['body']) =>
  (body.message?.blocks ?? []).filter((b: { type: string }) => b.type !== 'actions');
