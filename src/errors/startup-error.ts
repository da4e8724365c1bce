/** Start-up cannot go on (bad token, Slack unreachable); the message is one line for the operator. */
export class StartupError extends Error {
  readonly code = 'startup_failed';
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
