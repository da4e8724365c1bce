import { askedWait, errorCode } from '../errors/chat-error';
import { shortened } from '../text/cut-text';

export type IncidentErrorCode =
  | 'incident_not_found'
  | 'incident_unavailable'
  | 'incident_resolved'
  | 'incident_open'
  | 'incident_archived'
  | 'unknown_severity'
  | 'unknown_role'
  | 'not_allowed'
  | 'not_assignable'
  | 'capture_expired'
  | 'empty_note'
  | 'empty_followup'
  | 'no_such_followup'
  | 'entry_not_found'
  | 'invalid_input'
  | 'no_such_item'
  | 'checklist_incomplete';

/**
 * Errors the domain raises on purpose. `code` is stable and `data` holds what the error is about
 * (ids, numbers); the message is a plain sentence that names no chat platform. The chat adapter
 * says it its own way where it can do better (src/slack/text/error-sentences.ts: mentions, commands).
 */
export class IncidentError extends Error {
  constructor(
    readonly code: IncidentErrorCode,
    message: string,
    readonly data: Record<string, string | number | null> = {},
  ) {
    super(message);
    this.name = 'IncidentError';
  }
}

/** Thrown by a conversation port when the channel name is in use (also by an archived channel). */
export class ChannelNameTakenError extends Error {
  readonly code = 'channel_name_taken';
  constructor(
    readonly channelName: string,
    /** The name was taken on a repeat of a create whose answer was lost: the channel may be ours. */
    readonly maybeOurs = false,
  ) {
    super(`channel name ${channelName} is taken`);
    this.name = 'ChannelNameTakenError';
  }
}

/** A Slack-side step that failed, with the platform's error code when there is one. */
export interface StepProblem {
  step: string;
  code: string;
  detail: string;
  /** How long (ms) the platform asked to wait before trying again (a rate limit's Retry-After). */
  retryAfter?: number;
}

export function toStepProblem(step: string, error: unknown): StepProblem {
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  const wait = askedWait(error);
  return { step, code, detail, ...(wait > 0 ? { retryAfter: wait } : {}) };
}

/**
 * User text quoted back in an error message: one line, at most `max` characters (never half an
 * emoji), without control characters, bidi overrides, or the `<`, `>` and `&` that chat markup
 * makes mentions and links from, so echoing what someone typed cannot ping anyone.
 */
export function quoted(text: string, max = 40): string {
  return shortened(
    text
      .replace(/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069<>&]/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
    max,
  );
}
