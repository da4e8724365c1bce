import type { App } from '@slack/bolt';
import { CALLBACK } from '../../blocks/ids';
import type { ListenerDeps } from '../deps';
import { afterAck } from '../user-errors';

export function register(app: App, deps: ListenerDeps): void {
  // The manifest declares this shortcut already; until timeline capture lands, answer instead of
  // letting Slack time out.
  app.shortcut({ type: 'message_action', callback_id: CALLBACK.addToTimeline }, async ({ ack, body, respond, client }) => {
    await ack();
    await afterAck(
      async () => {
        await respond({ response_type: 'ephemeral', text: 'Adding messages to an incident timeline is not available in this version of Commander yet.' });
      },
      { client, logger: deps.logger, target: { userId: body.user.id } },
    );
  });
}
