import type { App } from '@slack/bolt';
import { cleanText } from '../../../text/clean-text';
import { COMMAND } from '../../blocks/ids';
import { escapeMrkdwn, truncate } from '../../blocks/text';
import type { ListenerDeps } from '../deps';
import { afterAck, userMessageFor } from '../user-errors';
import { assign, reopen, severity } from './changes';
import { declare } from './declare';
import { createHelp, helpText } from './help';
import { oncall } from './oncall';
import { list } from './list';
import { status } from './status';
import type { Subcommand, SubcommandResult } from './subcommand';
import { postmortem } from './postmortem';
import { done, followup, followups, note, timeline } from './timeline';
import { resolve, update } from './update';

/** Every `/incident` subcommand, in the order help lists them. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  declare,
  update,
  resolve,
  severity,
  assign,
  reopen,
  status,
  list,
  note,
  followup,
  followups,
  done,
  timeline,
  postmortem,
  oncall,
  createHelp(() => SUBCOMMANDS),
];

export function splitCommandText(text: string): { name: string; args: string } {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  if (space < 0) return { name: trimmed.toLowerCase(), args: '' };
  return { name: trimmed.slice(0, space).toLowerCase(), args: trimmed.slice(space).trim() };
}

export function register(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ command, ack, client, respond }) => {
    const { name, args } = splitCommandText(cleanText(command.text ?? ''));
    const subcommand = SUBCOMMANDS.find((s) => s.name === (name || 'help'));
    let result: SubcommandResult;
    try {
      result = subcommand
        ? await subcommand.handle({ args, command, client, deps, respond })
        : { reply: helpText(SUBCOMMANDS, `I don't know \`${escapeMrkdwn(truncate(name, 40))}\`. Commands:`) };
    } catch (error) {
      await ack({ response_type: 'ephemeral', text: userMessageFor(error, deps.logger) });
      return;
    }
    await ack(result.reply ? { response_type: 'ephemeral', text: result.reply, ...(result.blocks ? { blocks: result.blocks } : {}) } : undefined);
    if (result.after) {
      await afterAck(result.after, { client, logger: deps.logger, target: { userId: command.user_id, respond } });
    }
  });
}
