import type { RateLimitOptions } from './rate-limits';
import type { SocketModeOptions } from './socket-mode.types';

/** One Web API request as the fake answered it, faulted and failed calls included. */
export interface RecordedCall {
  method: string;
  /**
   * The arguments as sent, minus `token`. Scalars stay as the wire carried them (form posts make
   * every scalar a string: `"true"`, `"42"`); the nested JSON fields (`blocks`, `view`, `files`,
   * `attachments`, `metadata`) are decoded so tests can read them as objects.
   */
  args: Record<string, any>;
  token: string | undefined;
  /** When it was answered: performance.now() of the fake's process, in ms. */
  at: number;
  ok: boolean;
  error?: string;
  /** The JSON body sent back; undefined when none was (injected HTTP 500, dropped connection). */
  response: any;
  /** Slack did the work, but the answer was lost on the way (a `{ drop: 'after_work' }` fault). */
  answerDropped?: boolean;
}

/** A failure the test asks the fake to give instead of doing the method's work. */
export type Fault =
  | { error: string }
  | { status: 429; retryAfter: number }
  | { status: 500 }
  | { drop: true }
  /** Does the method's work, then closes the socket: Slack did it, the app never hears so. */
  | { drop: 'after_work' };

export interface FakeSlackOptions {
  botUserId?: string;
  botId?: string;
  teamId?: string;
  /** The only bot token the fake accepts (default `xoxb-test-token`). */
  token?: string;
  /** The app id put on views (default `A0COMMANDER`, the id the signed-request helpers use). */
  appId?: string;
  /** The only app-level token apps.connections.open accepts (default `xapp-1-A0COMMANDER-1-test`). */
  appToken?: string;
  /** Socket Mode timing (Slack's by default). */
  socketMode?: SocketModeOptions;
  /** The bot token's scopes, sent in every answer's `x-oauth-scopes` header (default: manifest.yml's). */
  scopes?: string[];
  /** Every Web API call is answered this many ms after it arrives (default 0); see setLatency(). */
  latencyMs?: number;
  /** Slack's rate limits on (default off); see limitRates(). */
  rateLimits?: RateLimitOptions;
}

export interface User {
  id: string;
  name?: string;
  real_name?: string;
  /** IANA zone; omitted means Slack's default (America/Los_Angeles), null means Slack sends none. */
  tz?: string | null;
  is_bot?: boolean;
  deleted?: boolean;
  /** What users.lookupByEmail finds them by (and profile.email, with users:read.email). */
  email?: string;
}

export interface Channel {
  id: string;
  /** For a DM, the other person's user id (DMs have no name in Slack). */
  name: string;
  is_private: boolean;
  is_archived: boolean;
  /** A direct message (`D…`) or group DM (`G…`) opened with conversations.open. */
  is_im: boolean;
  is_mpim: boolean;
  topic: string;
  purpose: string;
  members: Set<string>;
  /** ts of pinned messages. */
  pins: Set<string>;
  created: number;
  /** Who made it: the bot for channels it created, a person for channels a test set up. */
  creator: string;
}

export interface Message {
  channel: string;
  ts: string;
  text: string;
  blocks?: any[];
  attachments?: any[];
  /** The poster: always the bot, since only the app posts through the API. */
  user: string;
  thread_ts?: string;
  reply_broadcast?: boolean;
  /** True once chat.update has changed it. */
  edited?: boolean;
  /** Reaction names added with reactions.add. */
  reactions?: string[];
  /** Message metadata as posted: `{ event_type, event_payload }`. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface Ephemeral {
  channel: string;
  user: string;
  message_ts: string;
  text: string;
  blocks?: any[];
  thread_ts?: string;
}

export interface View {
  id: string;
  type: string;
  /** The view JSON as the app last sent it (views.open/push/update). */
  view: any;
  trigger_id?: string;
  user?: string;
  hash: string;
  external_id?: string;
}

export interface HomeView {
  id: string;
  user: string;
  view: any;
  hash: string;
}

export interface Upload {
  file_id: string;
  filename: string;
  title?: string;
  /** The bytes POSTed to the upload URL, as UTF-8 text ('' until uploaded). */
  content: string;
  /** Byte length announced to files.getUploadURLExternal. */
  length: number;
  uploaded: boolean;
  channel_id?: string;
  thread_ts?: string;
  initial_comment?: string;
  completed: boolean;
}

export interface Bookmark {
  id: string;
  channel_id: string;
  title: string;
  link: string;
  emoji?: string;
  type: string;
  date_created: number;
}

export interface ResponseUrlPost {
  url: string;
  body: any;
  /** Set when the fake refused the post (HTTP 400), e.g. `invalid_blocks`. */
  error?: string;
}
