import { ChatError } from '../../errors/chat-error';

/** The Slack error code of a failed Web API call (`name_taken`, `not_in_channel`, …), if any. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } } | undefined;
  return e?.data?.error ?? e?.code;
}

/** The Web API client's own failures: no answer, an HTTP error, a rate limit it would not wait out. */
const TRANSIENT = new Set(['slack_webapi_request_error', 'slack_webapi_http_error', 'slack_webapi_rate_limited_error']);

/**
 * The Retry-After (seconds) of a call Slack rate-limited: the client that rejects rate-limited
 * calls says it on the error; the client that waits them out gives up, after its last wait, with a
 * request error whose cause names it ("A rate limit was exceeded (url: …, retry-after: 30)").
 */
function retryAfterSeconds(error: unknown): number | null {
  const e = error as { retryAfter?: unknown; original?: { message?: unknown } };
  if (typeof e.retryAfter === 'number') return e.retryAfter;
  const said =
    typeof e.original?.message === 'string' && /rate limit was exceeded.*retry-after: (\d+)/i.exec(e.original.message);
  return said ? Number(said[1]) : null;
}

/**
 * A failed Web API call as the domain understands failures (ChatError); anything else, such as a
 * domain error thrown on purpose, a StorageError or a bug, passes unchanged.
 */
export function toChatError(error: unknown): unknown {
  const raw = (error as { code?: unknown } | null | undefined)?.code;
  if (error instanceof ChatError || typeof raw !== 'string' || !raw.startsWith('slack_webapi_')) return error;
  const retryAfter = retryAfterSeconds(error);
  // A request error that was a rate limit all along is told as one (a sentence about waiting, not about reaching Slack).
  const code = retryAfter === null ? (slackErrorCode(error) as string) : 'slack_webapi_rate_limited_error';
  return new ChatError(code, TRANSIENT.has(raw), retryAfter === null ? null : retryAfter * 1000, { cause: error });
}

/** A domain port as its Slack adapter must write it: nothing but methods, each answering a promise. */
type PortMethods<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

/**
 * The one way a Slack adapter makes a domain port (a test checks every adapter does): every
 * method's Web API failures reach the domain as ChatErrors, whichever call inside failed, so the
 * domain never reads a Slack code. Errors that are not Slack's (a StorageError from a lookup the
 * adapter made, a domain error thrown on purpose) pass as they are.
 */
export function slackPort<T extends PortMethods<T>>(impl: T): T {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(impl) as Array<[string, (...a: unknown[]) => Promise<unknown>]>) {
    if (typeof method !== 'function') throw new TypeError(`a Slack port holds only methods; ${name} is not one`);
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await method.apply(impl, args);
      } catch (error) {
        throw toChatError(error);
      }
    };
  }
  return wrapped as T;
}

/** Lets a Slack refusal that we tolerate pass, and throws everything else. */
export function ignoreSlackErrors(error: unknown, ...codes: string[]): void {
  const code = slackErrorCode(error);
  if (code && codes.includes(code)) return;
  throw error;
}
