/** Errors the domain raises on purpose; `code` is stable and the message is fit for the user. */
export class IncidentError extends Error {
  constructor(
    readonly code:
      | 'incident_not_found'
      | 'incident_resolved'
      | 'incident_open'
      | 'incident_archived'
      | 'unknown_severity'
      | 'unknown_role'
      | 'not_allowed'
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
  constructor(readonly channelName: string) {
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
