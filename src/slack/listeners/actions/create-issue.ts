import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { safeMrkdwn } from '../../blocks/text';
import { issueLink, trackerName } from '../../blocks/tracker-messages';
import type { ListenerDeps } from '../deps';
import { afterAck } from '../shared/user-errors';
import { IncidentId } from '../shared/view-state';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Create issue, on a follow-up's confirmation or in `/incident followups`: queues its issue and
 * makes it now. Pressed twice (or redelivered), the follow-up still gets one issue: the outbox row
 * is per follow-up, and its marker finds an issue made before.
 */
export function createIssue(deps: ListenerDeps) {
  return async ({ ack, body, action, client, respond }: Args) => {
    await ack();
    const id = IncidentId.safeParse(action.value);
    if (!id.success) return;
    await afterAck(
      async () => {
        const { followup } = await deps.trackers.request(id.data, (incidentId) =>
          deps.incidents.requireAccess(incidentId, body.user.id, { need: 'change' }),
        );
        const tracker = trackerName(deps.policy.trackers?.default ?? '');
        const text = followup.issue
          ? `🎫 ${safeMrkdwn(followup.text, 200)}: ${issueLink(followup)}`
          : `🎫 The ${tracker} issue for "${safeMrkdwn(followup.text, 200)}" is on its way; \`/incident followups\` shows its link once it is made.`;
        await respond({ response_type: 'ephemeral', replace_original: false, text });
      },
      { client, logger: deps.logger, target: { userId: body.user.id, channelId: body.channel?.id, respond } },
    );
  };
}
