/**
 * A call to the chat platform failed, in words the domain can act on: `transient` says whether
 * the same call may pass later (the platform was down, slow or rate-limiting), `retryAfter` how
 * long the platform asked to wait (ms), if it said. `code` is the platform's own name for what
 * happened, kept for logs and the adapter's sentences; the domain decides nothing from it.
 */
export class ChatError extends Error {
  override readonly name = 'ChatError';
  constructor(
    readonly code: string,
    readonly transient: boolean,
    readonly retryAfter: number | null = null,
    options?: ErrorOptions,
  ) {
    super(`chat platform call failed: ${code}`, options);
  }
}

/** Whether trying again later may work: only a chat call that failed on the platform's side. */
export const isTransient = (error: unknown): boolean => error instanceof ChatError && error.transient;

/** The code an error carries (a ChatError's, a domain error's), for logs and records. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : 'unexpected_error';
}

/** How long (ms) the platform asked to wait before trying a failed call again; 0 when it did not say. */
export const askedWait = (error: unknown): number => (error instanceof ChatError ? (error.retryAfter ?? 0) : 0);

/**
 * When to try a failed call again: `delay` from now, or later when the platform asked to wait
 * longer (a rate limit's Retry-After); trying sooner would only be refused again.
 */
export const nextAttemptAt = (error: unknown, now: number, delay: number): number =>
  now + Math.max(delay, askedWait(error));
