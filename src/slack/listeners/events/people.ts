import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { ListenerDeps } from '../deps';

/** The fields of the user object Commander keeps (people-directory.ts); the rest is not read. */
const UserEvent = z.object({
  user: z.object({
    id: z.string().regex(/^[UW][A-Z0-9]+$/),
    name: z.string().max(200).optional(),
    deleted: z.boolean().optional(),
    is_bot: z.boolean().optional(),
    tz: z.string().max(100).optional(),
  }),
});

/**
 * Slack tells of a person's change (deactivated, a new time zone) and of a new member: kept, so a
 * form naming them later is answered from what Slack said, without asking it again.
 */
export function personChanged(deps: ListenerDeps) {
  return async ({ event }: SlackEventMiddlewareArgs<'user_change' | 'team_join'> & AllMiddlewareArgs) => {
    const parsed = UserEvent.safeParse(event);
    if (!parsed.success) return;
    await deps.peopleDirectory
      .learn(parsed.data.user)
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not keep what Slack said about a person'));
  };
}
