/** Errors the domain raises on purpose; `code` is stable and the message is fit for the user. */
export class IncidentError extends Error {
  constructor(
    readonly code:
      | 'incident_not_found'
      | 'incident_unavailable'
      | 'incident_resolved'
      | 'incident_open'
      | 'incident_archived'
      | 'unknown_severity'
      | 'unknown_role'
      | 'not_allowed'
      | 'capture_expired'
      | 'invalid_input',
    message: string,
  ) {
    super(message);
    this.name = 'IncidentError';
  }
}

/** Thrown by a conversation port when the channel name is in use (also by an archived channel). */
export class ChannelNameTakenError extends Error {
  readonly code = 'name_taken';
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
}

export function toStepProblem(step: string, error: unknown): StepProblem {
  const code =
    (error as { data?: { error?: string } })?.data?.error ??
    (error as { code?: string })?.code ??
    'unexpected_error';
  const detail = error instanceof Error ? error.message : String(error);
  return { step, code, detail };
}

/**
 * User text quoted back in an error message: one line, at most `max` characters (never half an
 * emoji), without control characters, bidi overrides, or the `<`, `>` and `&` that chat markup
 * makes mentions and links from, so echoing what someone typed cannot ping anyone.
 */
export function quoted(text: string, max = 40): string {
  const chars = [...text.replace(/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069<>&]/g, '').replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}
