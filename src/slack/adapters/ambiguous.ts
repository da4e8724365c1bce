import { slackErrorCode } from './slack-errors';

/**
 * Whether Slack may have done what a failed call asked: an HTTP error (5xx) or a lost connection
 * or timeout can come after the work was done. A rate limit (429) and a platform refusal cannot.
 * The client wraps its "rate limit exceeded, retry" signal as a request error, so that is told apart.
 */
export function isAmbiguous(error: unknown): boolean {
  const code = slackErrorCode(error);
  if (code === 'slack_webapi_http_error') return true;
  if (code !== 'slack_webapi_request_error') return false;
  const original = (error as { original?: { message?: string } }).original;
  return !/rate limit was exceeded/i.test(original?.message ?? '');
}

/**
 * For the client that makes calls which must not be done twice (posts, channel creation): its
 * retries stop at an ambiguous failure, so the caller can look for what Slack did before repeating.
 */
export function stopWhenAmbiguous(error: unknown): void {
  if (isAmbiguous(error)) throw error;
}

/** How often, and how far apart, a call that failed ambiguously is looked for and repeated. */
export interface RepeatPolicy {
  retries: number;
  minTimeout: number;
  factor: number;
  maxTimeout: number;
}

/** The same numbers as the client's own retries (retries 0 in tests: a lost answer is left to the next attempt). */
export function repeatPolicyFrom(config: Partial<RepeatPolicy> | undefined): RepeatPolicy {
  return {
    retries: config?.retries ?? 10,
    minTimeout: config?.minTimeout ?? 1_000,
    factor: config?.factor ?? 2,
    maxTimeout: config?.maxTimeout ?? 30_000,
  };
}

/**
 * Runs `call`; after an ambiguous failure waits as the client would, asks `find` whether Slack
 * did the work after all, and only then calls again (`repeat` true). Gives up after the policy's
 * retries with the last error, once `find` has had a last look.
 */
export async function withoutRepeating<T>(
  policy: RepeatPolicy,
  call: (repeat: boolean) => Promise<T>,
  find: () => Promise<T | null>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(attempt > 0);
    } catch (error) {
      if (!isAmbiguous(error)) throw error;
      if (attempt >= policy.retries) {
        const done = await find();
        if (done !== null) return done;
        throw error;
      }
    }
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(policy.maxTimeout, policy.minTimeout * policy.factor ** attempt)),
    );
    const done = await find();
    if (done !== null) return done;
  }
}
