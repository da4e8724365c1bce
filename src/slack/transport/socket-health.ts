/** How long Socket Mode may be down before /healthz asks to be restarted. */
export const SOCKET_GRACE_MS = 60_000;

export interface SocketState {
  connected: boolean;
  /** When the last connection went (or start-up began); unset while connected. */
  disconnectedSince: number | undefined;
}

/**
 * What /healthz says about Socket Mode. A short disconnect is routine (Slack refreshes connections
 * every few hours and the receiver reconnects at once), so only one longer than the grace period
 * is unhealthy: then an orchestrator restarting the instance is the likeliest cure.
 */
export function socketHealth(
  state: SocketState,
  now: number,
  graceMs = SOCKET_GRACE_MS,
): { healthy: boolean; socket: 'connected' | 'reconnecting' | 'disconnected'; downForSeconds?: number } {
  if (state.connected) return { healthy: true, socket: 'connected' };
  const downMs = now - (state.disconnectedSince ?? now);
  const downForSeconds = Math.floor(downMs / 1000);
  return downMs > graceMs
    ? { healthy: false, socket: 'disconnected', downForSeconds }
    : { healthy: true, socket: 'reconnecting', downForSeconds };
}
