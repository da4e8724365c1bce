import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { ListenerDeps } from '../deps';

const MemberEvent = z.object({
  user: z.string().regex(/^[UW][A-Z0-9]+$/),
  channel: z.string().regex(/^[CGD][A-Z0-9]+$/),
});

/**
 * Slack says when someone joins or leaves a channel the app is in; remembering it lets a form
 * be opened or refused without asking Slack while the trigger_id runs out (see incident-form.ts).
 */
export function memberChanged(deps: ListenerDeps, member: boolean) {
  return async ({
    event,
  }: SlackEventMiddlewareArgs<'member_joined_channel' | 'member_left_channel'> & AllMiddlewareArgs) => {
    const parsed = MemberEvent.safeParse(event);
    if (parsed.success) deps.membership.learn(parsed.data.channel, parsed.data.user, member);
  };
}
