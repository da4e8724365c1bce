import type { ConversationPort } from './conversation.port';
import { IncidentError } from './incidents.errors';

/**
 * Roles go to people who exist: an app (Commander itself included) cannot lead a response or
 * answer its reminders, and an id the chat platform does not know would hold the role forever.
 */
export async function requireAssignable(conversation: ConversationPort, userId: string): Promise<void> {
  const kind = await conversation.personKind(userId);
  if (kind === 'person') return;
  const sentences = {
    bot: 'That is an app, not a person. Roles go to the people handling the incident.',
    deactivated: "That person's account is deactivated. Choose someone who can take part.",
    missing: 'Nobody in the workspace has that id. Choose someone from your workspace.',
  } as const;
  throw new IncidentError('not_assignable', sentences[kind], { userId, kind });
}
