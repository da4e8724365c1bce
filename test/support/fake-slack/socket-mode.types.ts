export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** The app's ack (its payload; `{}` for an empty ack), or the error Slack shows the user. */
export type EnvelopeOutcome =
  | 'pending'
  | { acked: Record<string, unknown> }
  | { error: 'dispatch_failed' | 'operation_timeout' };

/** One Socket Mode envelope as the fake sent it (or could not), and what became of it. */
export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: any;
  accepts_response_payload: boolean;
  /** Set on a redelivery, as Slack does. */
  retry_attempt?: number;
  retry_reason?: string;
  /** The connection it went to; unset when none could take it. */
  connection?: number;
  outcome: EnvelopeOutcome;
}

export interface SocketModeOptions {
  /** How long Slack waits for an ack before the user sees an error (3 s in Slack). */
  ackTimeoutMs?: number;
  /** How long after refresh_requested Slack closes the connection (about 10 s in Slack). */
  refreshCloseMs?: number;
}
