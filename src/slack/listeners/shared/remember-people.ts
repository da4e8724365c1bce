import type { AnyMiddlewareArgs } from '@slack/bolt';
import { errorCode } from '../../../errors/chat-error';
import type { Logger } from '../../../logger';
import type { PeopleService } from '../../../people/people.service';
import { readSlackText } from '../../text/slack-text';

/** Slash commands carry user_id/user_name; interactions a user object with name or username. */
export function personIn(body: AnyMiddlewareArgs['body']): { id: string; name: string } | undefined {
  const b = body as { user_id?: string; user_name?: string; user?: { id?: string; name?: string; username?: string } };
  if (b.user_id && b.user_name) return { id: b.user_id, name: b.user_name };
  const name = b.user?.name ?? b.user?.username;
  if (b.user?.id && name) return { id: b.user.id, name };
  return undefined;
}

/**
 * Remembers the sender's name, and the names Slack labels mentions with, from any request's body.
 * Best-effort: a name only makes exports read better, so a database that fails or hangs is logged
 * here and never fails the request (the caller does not wait for it either).
 */
export function rememberPeople(people: PeopleService, logger: Logger) {
  return async (body: AnyMiddlewareArgs['body']): Promise<void> => {
    try {
      const person = personIn(body);
      if (person) await people.remember(person.id, person.name);
      const text = (body as { text?: unknown }).text;
      // Slack labels mentions in command text (<@U0123|carol>): "@carol" then owns a follow-up, not "@U0123".
      if (typeof text === 'string' && text.includes('<@')) {
        for (const part of readSlackText(text))
          if (typeof part !== 'string' && 'user' in part && part.label) await people.remember(part.user, part.label);
      }
    } catch (error) {
      logger.warn({ code: errorCode(error) }, 'could not remember a name');
    }
  };
}
