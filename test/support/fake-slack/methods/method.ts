import type { Workspace } from '../state';

export type Args = Record<string, unknown>;

export interface MethodContext {
  ws: Workspace;
  args: Args;
  /** `http://127.0.0.1:PORT`, for URLs the fake hands out (upload URLs). */
  origin: string;
  /** "[WARN] …" messages for the ok answer's response_metadata (Slack accepted, but noticed). */
  warnings: string[];
  /** The bot token's scopes, for methods whose scope depends on the conversation (history). */
  scopes?: string[];
}

/** Does the method's work and returns the fields of an ok:true answer, or throws SlackApiError. */
export type Method = (ctx: MethodContext) => Record<string, unknown>;

/** An `{ok:false, error}` answer; `extra` adds fields such as `errors` or `response_metadata`. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

/** Slack's answer to a bad argument: `invalid_arguments` with the reasons in response_metadata. */
export function invalidArguments(messages: string[]): SlackApiError {
  return new SlackApiError('invalid_arguments', { response_metadata: { messages } });
}
