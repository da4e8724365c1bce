import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { cleanText } from '../../../text/clean-text';
import type { CapturedMessage } from '../../../timeline/timeline.service';
import { pickIncidentModal } from '../../blocks/timeline-view';
import type { ListenerDeps } from '../deps';
import { afterAck } from '../user-errors';

/** What Slack's client shows as the message's link; built from the payload, no API call needed. */
export function permalinkOf(domain: string | undefined, channelId: string, ts: string, threadTs?: string): string | null {
  if (!domain || !/^[a-z0-9-]+$/i.test(domain)) return null;
  const base = `https://${domain}.slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
  return threadTs && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channelId}` : base;
}

export function capturedMessage(body: MessageShortcut): CapturedMessage {
  const message = body.message as { ts: string; user?: string; bot_id?: string; text?: string; thread_ts?: string; files?: unknown[] };
  const text = cleanText(message.text ?? '').trim() || (message.files?.length ? '[a message with files]' : '[a message without text]');
  return {
    channelId: body.channel.id,
    ts: message.ts ?? body.message_ts,
    authorId: message.user ?? null,
    text,
    permalink: permalinkOf(body.team?.domain, body.channel.id, message.ts ?? body.message_ts, message.thread_ts),
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
        const message = capturedMessage(body);
        const incident = deps.incidents.findByChannel(body.channel.id);
        if (incident) {
          const { created } = deps.timeline.addMessage(incident.id, message, body.user.id);
          await respond({
            response_type: 'ephemeral',
            text: created ? `✅ Added to the timeline of #${incident.id}.` : `That message is already on the timeline of #${incident.id}.`,
          });
          return;
        }
        // Private incidents are offered only to the people who may see them.
        const { incidents: open } = await deps.overview.list(body.user.id, { all: false });
        if (open.length === 0) {
          await respond({ response_type: 'ephemeral', text: 'There are no open incidents to add this message to.' });
          return;
        }
        const token = randomUUID();
        deps.timeline.holdCapture(token, message);
        await client.views.open({ trigger_id: body.trigger_id, view: pickIncidentModal(open, deps.policy, token) });
      },
      { client, logger: deps.logger, target: { userId: body.user.id, respond } },
    );
  };
}
