import type { RespondFn, SlashCommand, types } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../deps';

type KnownBlock = types.KnownBlock;

export interface SubcommandContext {
  /** The text after the subcommand's name, trimmed. */
  args: string;
  command: SlashCommand;
  client: WebClient;
  deps: ListenerDeps;
  /** Answers through the command's response URL, for replies that come after the acknowledgement. */
  respond: RespondFn;
}

/**
 * `reply` is sent with the acknowledgement (only the caller sees it); `after` runs once Slack has
 * its answer, for slower work such as opening a modal.
 */
export interface SubcommandResult {
  reply?: string;
  /** Block Kit for the reply; `reply` is then its notification text. */
  blocks?: KnownBlock[];
  after?: () => Promise<void>;
}

export interface Subcommand {
  name: string;
  usage: string;
  summary: string;
  /** Whether it must run in an incident's channel. */
  inIncidentChannel: boolean;
  handle(ctx: SubcommandContext): SubcommandResult | Promise<SubcommandResult>;
}
