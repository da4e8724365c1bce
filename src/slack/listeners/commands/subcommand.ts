import type { RespondFn, SlashCommand, types } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Incident } from '../../../incidents/incident.types';
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
  /** The incident of the channel, once the person is known to be allowed what `access` asks. */
  incident?: Incident;
  /** The check of `access` as it runs: a form waits for it itself (see incident-form.ts). */
  allowed?: Promise<Incident>;
}

/** The incident the dispatcher checked; only subcommands with `access` (and not `opensForm`) ask. */
export function checkedIncident(ctx: SubcommandContext): Incident {
  if (!ctx.incident) throw new Error('the subcommand has no checked incident: give it `access`');
  return ctx.incident;
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
  /**
   * What the person must be allowed to do with the channel's incident (`open`: and it must not be
   * resolved). The channel id comes over the wire, so it is checked like everything else: someone
   * who may not see a private incident is answered as in any other channel.
   */
  access?: { need: 'see' | 'change'; open?: boolean };
  /** It opens a form with the trigger_id: it gets `allowed` at once and waits for it itself. */
  opensForm?: boolean;
  handle(ctx: SubcommandContext): SubcommandResult | Promise<SubcommandResult>;
}
