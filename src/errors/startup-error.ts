/** Start-up cannot go on (bad token, Slack unreachable); the message is one line for the operator. */
export class StartupError extends Error {
  readonly code = 'startup_failed';
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** A port Commander listens on, as the operator set it: `PORT`, `METRICS_PORT`… and its host setting, if any. */
export interface PortSetting {
  name: string;
  port: number;
  host?: { name: string; value: string };
  /** What listens there, for the sentence: "/metrics", "Slack's requests". */
  serves: string;
}

/** What the operator should change when a port cannot be had, in one sentence; other errors as they are. */
export function listenError(error: unknown, s: PortSetting): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const where = s.host === undefined ? '' : ` on ${s.host.name} ${s.host.value}`;
  if (code === 'EADDRINUSE')
    return new StartupError(`${s.name} ${s.port} is already in use${where}: choose another port for ${s.serves}.`);
  if (code === 'EACCES')
    return new StartupError(`${s.name} ${s.port} may not be used by this user${where}: choose a port above 1023.`);
  if (s.host !== undefined && (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN'))
    return new StartupError(`${s.host.name} ${s.host.value} is not an address of this machine (${code}).`);
  return error;
}
