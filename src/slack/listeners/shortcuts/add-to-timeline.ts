import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { cleanText } from '../../../text/clean-text';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../logger';
import type { CapturedMessage } from '../../../incidents/timeline.service';
import { pickIncidentModal } from '../../blocks/timeline-view';
import { slackErrorCode } from '../../adapters/slack-errors';
import type { ListenerDeps } from '../deps';
import { afterAck } from '../shared/user-errors';

/**
 * The message's link as Slack makes it. Built from the team domain it would be wrong on Enterprise
 * Grid and GovSlack, so Slack is asked; without an answer the message is recorded without a link.
 */
async function permalinkOf(client: WebClient, channelId: string, ts: string, logger: Logger): Promise<string | null> {
  try {
    const result = await client.chat.getPermalink({ channel: channelId, message_ts: ts });
    return typeof result.permalink === 'string' ? result.permalink : null;
  } catch (error) {
    logger.warn({ code: slackErrorCode(error), channelId }, 'no permalink for a captured message');
    return null;
  }
}

export function capturedMessage(body: MessageShortcut, permalink: string | null): CapturedMessage {
  const message = body.message as { ts: string; user?: string; bot_id?: string; text?: string; files?: unknown[] };
  const text =
    cleanText(message.text ?? '').trim() ||
    (message.files?.length ? '[a message with files]' : '[a message without text]');
  return {
    channelId: body.channel.id,
    ts: message.ts ?? body.message_ts,
    authorId: message.user ?? null,
    text,
    permalink,
  };
}

/**
 * In an incident channel the message goes straight onto that incident's timeline; anywhere else
 * the person chooses an open incident first (the message waits in the database meanwhile).
 */
export function addToTimeline(deps: ListenerDeps) {
  return async ({ ack, body, client, respond }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => {
    await ack();
    await afterAck(
      async () => {
        const ts = (body.message as { ts?: string }).ts ?? body.message_ts;
        const link = () => permalinkOf(client, body.channel.id, ts, deps.logger);
        // The channel id comes over the wire: to someone who may not see a private incident, its
        // channel is like any other, and only people who may change an incident add to it.
        const found = await deps.incidents.findByChannel(body.channel.id);
        const access = found ? await deps.incidents.access(found, body.user.id) : 'none';
        if (found && access !== 'none') {
          const incident = await deps.incidents.requireAccess(found, body.user.id, { need: 'change' });
          const { created } = await deps.timeline.addMessage(
            incident.id,
            capturedMessage(body, await link()),
            body.user.id,
          );
          await respond({
            response_type: 'ephemeral',
            text: created
              ? `✅ Added to the timeline of #${incident.id}.`
              : `That message is already on the timeline of #${incident.id}.`,
          });
          return;
        }
        // Private incidents are offered only to the people who may see them.
        const { incidents: open } = await deps.overview.list(body.user.id, { all: false });
        if (open.length === 0) {
          await respond({ response_type: 'ephemeral', text: 'There are no open incidents to add this message to.' });
          return;
        }
        // The form takes the trigger_id, which expires in 3 seconds: it opens first, and the
        // message's link is added to the waiting message after.
        const token = randomUUID();
        await deps.timeline.holdCapture(token, capturedMessage(body, null));
        await client.views.open({ trigger_id: body.trigger_id, view: pickIncidentModal(open, deps.policy, token) });
        const permalink = await link();
        if (permalink) await deps.timeline.holdCapture(token, capturedMessage(body, permalink));
      },
      { client, logger: deps.logger, target: { userId: body.user.id, respond } },
    );
  };
}
