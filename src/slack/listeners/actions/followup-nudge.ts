import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { safeMrkdwn, slackDate } from '../../blocks/text';
import type { ListenerDeps } from '../deps';
import { afterAck } from '../shared/user-errors';
import { IncidentId } from '../shared/view-state';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Done and Snooze a week on a follow-up nudge; the answer replaces the nudge. */
export function answerFollowupNudge(deps: ListenerDeps, answer: 'done' | 'snooze') {
  return async ({ ack, body, action, client, respond }: Args) => {
    await ack();
    const id = IncidentId.safeParse(action.value);
    if (!id.success) return;
    await afterAck(
      async () => {
        const followup = await deps.followupNudges.allowed(id.data, body.user.id);
        if (answer === 'done') {
          await deps.followups.completeById(followup.id, body.user.id);
          await respond({ replace_original: true, text: `✅ Done: ${safeMrkdwn(followup.text, 300)}` });
          return;
        }
        const until = await deps.followupNudges.snooze(followup.id, body.user.id);
        await respond({
          replace_original: true,
          text: `💤 Snoozed until ${slackDate(until, deps.policy.timezone)}: ${safeMrkdwn(followup.text, 300)}`,
        });
      },
      { client, logger: deps.logger, target: { userId: body.user.id, channelId: body.channel?.id, respond } },
    );
  };
}
