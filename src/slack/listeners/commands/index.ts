import type { AckFn, RespondArguments } from '@slack/bolt';
import { cleanText } from '../../../text/clean-text';
import { COMMAND } from '../../blocks/ids';
import { escapeMrkdwn, truncate } from '../../blocks/text';
import type { ListenerDeps } from '../deps';
import type { Router } from '../shared/routing';
import { afterAck, userMessageFor } from '../shared/user-errors';
import { settle, within } from '../shared/within';
import { assign, reopen, severity } from './changes';
import { declare } from './declare';
import { escalate } from './escalate';
import { createHelp, helpText } from './help';
import { oncall } from './oncall';
import { list } from './list';
import { maintenance } from './maintenance';
import { status } from './show-status';
import type { Subcommand, SubcommandContext, SubcommandResult } from './subcommand';
import { postmortem } from './postmortem';
import { record } from './record';
import { services } from './services';
import { similar } from './similar';
import { link } from './link';
import { follow, subscribe, subscriptions, unfollow, unsubscribe } from './follow';
import { done, followup, followups, note, timeline } from './timeline';
import { times } from './times';
import { task, tasks } from './tasks';
import { resolve, statuspage, update } from './update';

/** Every `/incident` subcommand, in the order help lists them. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  declare,
  record,
  update,
  resolve,
  statuspage,
  maintenance,
  severity,
  assign,
  services,
  reopen,
  escalate,
  status,
  list,
  note,
  followup,
  followups,
  done,
  tasks,
  task,
  timeline,
  times,
  postmortem,
  similar,
  link,
  follow,
  unfollow,
  subscribe,
  subscriptions,
  unsubscribe,
  oncall,
  createHelp(() => SUBCOMMANDS),
];

export function splitCommandText(text: string): { name: string; args: string } {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  if (space < 0) return { name: trimmed.toLowerCase(), args: '' };
  return { name: trimmed.slice(0, space).toLowerCase(), args: trimmed.slice(space).trim() };
}

/**
 * Runs a subcommand. One with `access` first checks what the person may do in the channel's
 * incident; that may ask Slack, so it waits at most the acknowledgement budget and, when Slack is
 * slower, the reply follows the acknowledgement (a form handles its own wait: see incident-form.ts).
 */
async function run(
  subcommand: Subcommand,
  ctx: SubcommandContext,
  ack: AckFn<string | RespondArguments>,
): Promise<void> {
  const { deps, command, client, respond } = ctx;
  const target = { userId: command.user_id, respond };
  let result: SubcommandResult;
  try {
    if (!subcommand.access) {
      result = await subcommand.handle(ctx);
    } else {
      const allowed = deps.incidents.requireInChannel(command.channel_id, command.user_id, subcommand.access);
      const checked = settle(allowed);
      const quick = await within(deps.ackBudgetMs, checked);
      if (quick && !quick.ok) throw quick.error;
      if (!quick && !subcommand.opensForm) {
        await ack();
        await afterAck(
          async () => {
            const late = await subcommand.handle({ ...ctx, incident: await allowed, allowed });
            if (late.reply)
              await respond({
                response_type: 'ephemeral',
                text: late.reply,
                ...(late.blocks ? { blocks: late.blocks } : {}),
              });
            await late.after?.();
          },
          { client, logger: deps.logger, target },
        );
        return;
      }
      result = await subcommand.handle({ ...ctx, ...(quick ? { incident: quick.value } : {}), allowed });
    }
  } catch (error) {
    await ack({ response_type: 'ephemeral', text: userMessageFor(error, deps.logger) });
    return;
  }
  await ack(
    result.reply
      ? { response_type: 'ephemeral', text: result.reply, ...(result.blocks ? { blocks: result.blocks } : {}) }
      : undefined,
  );
  if (result.after) await afterAck(result.after, { client, logger: deps.logger, target });
}

export function register(router: Router, deps: ListenerDeps): void {
  router.command(COMMAND, async ({ command, ack, client, respond, context }) => {
    // A redelivery (Slack saw no acknowledgement in time) repeats a command already being handled:
    // its trigger_id is spent and its work under way. Both receivers pass the retry number here.
    if (context.retryNum) {
      await ack();
      return;
    }
    const { name, args } = splitCommandText(cleanText(command.text ?? ''));
    const subcommand = SUBCOMMANDS.find((s) => s.name === (name || 'help'));
    if (!subcommand) {
      await ack({
        response_type: 'ephemeral',
        text: helpText(SUBCOMMANDS, `I don't know \`${escapeMrkdwn(truncate(name, 40))}\`. Commands:`),
      });
      return;
    }
    await run(subcommand, { args, command, client, deps, respond }, ack);
  });
}
