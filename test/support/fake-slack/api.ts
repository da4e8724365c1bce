import { MalformedBody, readArgs } from './body';
import type { CallLog } from './call-log';
import type { FaultBook } from './faults';
import type { RateLimits } from './rate-limits';
import { METHODS } from './methods';
import { SlackApiError, type MethodContext } from './methods/method';
import type { HttpReply, HttpRequest } from './server';
import type { Workspace } from './state';
import type { Fault, RecordedCall } from './types';

export interface ApiDeps {
  ws: Workspace;
  log: CallLog;
  faults: FaultBook;
  /** The one bot token the fake accepts. */
  token: string;
  /** The one app-level token (`xapp-…`) the fake accepts, for apps.connections.open only. */
  appToken: string;
  /** Granted to that token; Slack names them in the `x-oauth-scopes` header of its answers. */
  scopes: string[];
  origin: string;
  /** Socket Mode's apps.connections.open: a WebSocket URL on the fake. */
  connectionsOpen: () => string;
  /** Slack's rate limits, when a bench turned them on (FakeSlack.limitRates). */
  rateLimits?: RateLimits;
}

/** Methods that take the app-level token instead of the bot token. */
const APP_TOKEN_METHODS = new Set(['apps.connections.open']);

/**
 * Answers `POST /api/<method>` the way Slack does, in Slack's order: a fault the test queued
 * wins, then the method must exist, the token must be right, and the method does its work.
 * Every call is recorded, whatever the answer, before the answer is sent.
 */
export function answerApiCall(deps: ApiDeps, method: string, request: HttpRequest): HttpReply {
  let args: Record<string, unknown> = {};
  let malformed = false;
  try {
    args = readArgs(request.headers['content-type'], request.body, request.url.searchParams);
  } catch (error) {
    if (!(error instanceof MalformedBody)) throw error;
    malformed = true;
  }
  const token =
    bearerToken(request.headers.authorization) ??
    (typeof args.token === 'string' && args.token !== '' ? args.token : undefined);
  delete args.token;
  const record = (ok: boolean, response: any, error?: string, answerDropped?: boolean) =>
    deps.log.record({
      method,
      args,
      token,
      at: performance.now(),
      ok,
      ...(error !== undefined ? { error } : {}),
      response,
      ...(answerDropped ? { answerDropped } : {}),
    } satisfies RecordedCall);

  const fault = deps.faults.take(method, args);
  if (fault && !('drop' in fault && fault.drop === 'after_work')) return faultReply(fault, record);
  const dropAnswer = fault !== undefined;

  const refuse = (error: string, extra: Record<string, unknown> = {}): HttpReply => {
    const body = { ok: false, error, ...extra };
    record(false, body, error);
    return { status: 200, json: body };
  };
  if (malformed) return refuse('invalid_json');
  const appLevel = APP_TOKEN_METHODS.has(method);
  const handler = appLevel ? () => ({ url: deps.connectionsOpen() }) : METHODS[method];
  if (!handler) return refuse('unknown_method');
  if (!token) return refuse('not_authed');
  // Slack tells a token of the wrong kind apart from a wrong token.
  if (token === (appLevel ? deps.token : deps.appToken)) return refuse('not_allowed_token_type');
  if (token !== (appLevel ? deps.appToken : deps.token)) return refuse('invalid_auth');

  const retryAfter = deps.rateLimits?.take(method, args);
  if (retryAfter !== undefined) {
    const body = { ok: false, error: 'ratelimited' };
    record(false, body, 'ratelimited');
    return { status: 429, json: body, headers: { 'retry-after': String(retryAfter) } };
  }

  const ctx: MethodContext = { ws: deps.ws, args, origin: deps.origin, warnings: [], scopes: deps.scopes };
  try {
    const result = handler(ctx);
    const body = withWarnings({ ok: true, ...result }, ctx.warnings);
    record(true, body, undefined, dropAnswer);
    return dropAnswer ? { drop: true } : { status: 200, json: body };
  } catch (error) {
    if (error instanceof SlackApiError) return refuse(error.error, error.extra);
    // A bug in the fake, not a Slack answer: fail loudly so the test shows it.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    record(false, undefined, `fake_slack_bug: ${error instanceof Error ? error.message : String(error)}`);
    return { status: 500, text: `fake Slack failed in ${method}: ${detail}` };
  }
}

function faultReply(fault: Fault, record: (ok: boolean, response: any, error?: string) => void): HttpReply {
  if ('drop' in fault) {
    record(false, undefined, 'connection_dropped');
    return { drop: true };
  }
  if ('error' in fault) {
    const body = { ok: false, error: fault.error };
    record(false, body, fault.error);
    return { status: 200, json: body };
  }
  if (fault.status === 429) {
    const body = { ok: false, error: 'ratelimited' };
    record(false, body, 'ratelimited');
    return { status: 429, json: body, headers: { 'retry-after': String(fault.retryAfter) } };
  }
  record(false, undefined, 'http_500');
  return { status: 500, text: 'Internal Server Error (injected by fake Slack)' };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)/i.exec(header ?? '');
  return match?.[1];
}

/** Slack reports accepted-but-odd input as "[WARN] …" in response_metadata.messages. */
function withWarnings(body: Record<string, unknown>, warnings: string[]): Record<string, unknown> {
  if (warnings.length === 0) return body;
  const metadata =
    typeof body.response_metadata === 'object' && body.response_metadata !== null ? body.response_metadata : {};
  return { ...body, response_metadata: { ...metadata, messages: warnings } };
}
