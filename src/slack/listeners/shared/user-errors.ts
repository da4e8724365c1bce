import { randomBytes } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { IncidentError } from '../../../incidents/incidents.errors';
import type { Logger } from '../../../logger';
import { StorageError } from '../../../errors/storage-error';
import { StatusPageError } from '../../../statuspage/statuspage.errors';
import { incidentErrorSentence, slackErrorSentence } from '../../text/error-sentences';
import { slackErrorCode } from '../../adapters/slack-errors';

/**
 * The one place errors become words for a person: domain errors say themselves, the database's and
 * Slack's failures get a sentence about what to do, anything else a reference that matches the log line.
 */
export function userMessageFor(error: unknown, logger: Logger): string {
  if (error instanceof IncidentError) return incidentErrorSentence(error);
  if (error instanceof StatusPageError) return error.message;
  if (error instanceof StorageError) {
    logger.error({ code: error.code, driverCode: error.driverCode, err: error }, 'database call failed');
    return slackErrorSentence(error.code);
  }
  const code = slackErrorCode(error);
  if (code && code.startsWith('slack_webapi_') === false) {
    logger.warn({ code }, 'slack call failed');
    return slackErrorSentence(code);
  }
  const ref = randomBytes(4).toString('hex');
  logger.error({ err: error, ref }, 'unexpected error in a listener');
  if (code) return `${slackErrorSentence(code)} (reference ${ref})`;
  return `Something went wrong (reference ${ref}). The details are in Commander's logs.`;
}

export interface ReplyTarget {
  userId: string;
  channelId?: string | null;
  respond?: (message: { response_type: 'ephemeral'; text: string; replace_original?: boolean }) => Promise<unknown>;
}

/**
 * Says something only the user sees: through the response URL when there is one, else as an
 * ephemeral message in the channel, else as a DM from the app.
 */
export async function tellUser(client: WebClient, target: ReplyTarget, text: string, logger: Logger): Promise<void> {
  try {
    if (target.respond) {
      await target.respond({ response_type: 'ephemeral', text, replace_original: false });
      return;
    }
    if (target.channelId) {
      try {
        await client.chat.postEphemeral({ channel: target.channelId, user: target.userId, text });
        return;
      } catch (error) {
        logger.warn({ code: slackErrorCode(error) }, 'ephemeral reply failed, sending a DM instead');
      }
    }
    await client.chat.postMessage({ channel: target.userId, text });
  } catch (error) {
    logger.error({ code: slackErrorCode(error), userId: target.userId }, 'could not tell the user about an error');
  }
}

/** Runs work that happens after ack(); a failure is told to the user instead of being lost. */
export async function afterAck(
  work: () => Promise<void>,
  reply: { client: WebClient; target: ReplyTarget; logger: Logger },
): Promise<void> {
  try {
    await work();
  } catch (error) {
    await tellUser(reply.client, reply.target, userMessageFor(error, reply.logger), reply.logger);
  }
}
