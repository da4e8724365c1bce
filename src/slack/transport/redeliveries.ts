/**
 * Remembers what recent Socket Mode envelopes carried, so one Slack delivers again after a
 * reconnect (same payload, `retry_attempt` > 0) is acknowledged but not handled a second time.
 * The payload's own id is the key, not the envelope id, which a redelivery need not share.
 */
export class Redeliveries {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 1_000) {}

  /** Records the payload and says whether it is a redelivery of one already handled. */
  alreadyHandled(payload: unknown, retryAttempt: number | undefined): boolean {
    const key = payloadKey(payload);
    if (key === undefined) return false;
    if (this.seen.has(key)) return (retryAttempt ?? 0) > 0;
    this.seen.add(key);
    // A Set iterates in insertion order, so the first key is the oldest.
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
    return false;
  }
}

/** Events carry a unique event_id; commands and interactions a single-use trigger_id. */
function payloadKey(payload: unknown): string | undefined {
  const ids = (typeof payload === 'object' && payload !== null ? payload : {}) as {
    event_id?: unknown;
    trigger_id?: unknown;
  };
  if (typeof ids.event_id === 'string') return `event:${ids.event_id}`;
  if (typeof ids.trigger_id === 'string') return `trigger:${ids.trigger_id}`;
  return undefined;
}
