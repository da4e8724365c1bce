import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../deps';

export interface SubcommandContext {
  /** The text after the subcommand's name, trimmed. */
  args: string;
  command: SlashCommand;
  client: WebClient;
  deps: ListenerDeps;
}

/**
 * `reply` is sent with the acknowledgement (only the caller sees it); `after` runs once Slack has
 * its answer, for slower work such as opening a modal.
 */
export interface SubcommandResult {
  reply?: string;
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
