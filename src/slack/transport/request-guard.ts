import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ParsedUrlQuery, parse as parseQuery } from 'node:querystring';
import {
  defaultBodyLimit,
  HTTPModuleFunctions,
  type HTTPReceiver,
  isRawBodyError,
  isValidSlackRequest,
} from '@slack/bolt';
import { requestPath } from '../../http/request-path';
import type { Logger } from '../../logger';

export const EVENTS_PATH = '/slack/events';

/** Slack signs with its own clock; a signature dated further ahead than this was not made now. */
const MAX_FUTURE_SECONDS = 5 * 60;

const FORM = 'application/x-www-form-urlencoded';

/**
 * What Bolt's receiver does not check before it reads the body: a request target that is not a
 * URL (400 here; Bolt would answer 500), a signature dated in the future
 * (Bolt refuses only stale ones), and a body that parses but is not an object (`null` makes Bolt
 * throw outside any handler, which ends the process). Requests that pass go on to Bolt, which
 * reuses the body read here and verifies the signature again.
 */
export function guardSlackRequests(
  receiver: HTTPReceiver,
  o: { signingSecret: string; logger: Logger; now?: () => number },
): void {
  const next = receiver.requestListener;
  const now = o.now ?? Date.now;
  const answer = (res: ServerResponse, status: number) => {
    if (res.headersSent) return;
    res.writeHead(status);
    res.end();
  };
  receiver.requestListener = (req, res) => {
    // Bolt answers a target that is not a URL 500, as if the fault were ours.
    const path = requestPath(req.url);
    if (path === undefined) return answer(res, 400);
    if (req.method !== 'POST' || path !== EVENTS_PATH) return next(req, res);
    void (async () => {
      let raw: string;
      try {
        raw = (await HTTPModuleFunctions.bufferIncomingMessage(req, defaultBodyLimit)).rawBody.toString();
      } catch (error) {
        const tooLarge = isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413;
        return answer(res, tooLarge ? 413 : 400);
      }
      const contentType = req.headers['content-type'];
      // Parsed once here for both checks below (Bolt parses it again for itself).
      const form = contentType === FORM ? parseQuery(raw) : undefined;
      if (form?.ssl_check !== '1') {
        const timestamp = Number(req.headers['x-slack-request-timestamp']);
        if (timestamp > Math.floor(now() / 1000) + MAX_FUTURE_SECONDS) {
          o.logger.warn({ timestamp }, 'refused a request signed more than 5 minutes in the future');
          return answer(res, 401);
        }
        // Unsigned or badly signed requests are Bolt's to refuse (401), whatever their body. The body
        // is looked at first: Bolt checks the signature of every request anyway, so only a body that
        // is not a payload (rare) costs a second check here.
        if (!isSlackPayload(raw, contentType, form) && isValidSignature(req, raw, o.signingSecret, now)) {
          o.logger.warn('refused a signed request whose body is not a Slack payload');
          return answer(res, 400);
        }
      }
      next(req, res);
    })().catch((error: unknown) => {
      o.logger.error({ err: error }, 'request failed before reaching Bolt');
      answer(res, 500);
    });
  };
}

function isValidSignature(req: IncomingMessage, body: string, signingSecret: string, now: () => number): boolean {
  const signature = req.headers['x-slack-signature'];
  if (typeof signature !== 'string') return false;
  return isValidSlackRequest({
    signingSecret,
    body,
    headers: {
      'x-slack-signature': signature,
      'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
    },
    nowMilliseconds: now(),
  });
}

/** Parses the body as Bolt will (a form, a form's `payload` field, or JSON) and asks for an object. */
export function isSlackPayload(raw: string, contentType: string | undefined, parsedForm?: ParsedUrlQuery): boolean {
  try {
    let body: unknown;
    if (contentType === FORM) {
      const form = parsedForm ?? parseQuery(raw);
      body = typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
    } else {
      body = JSON.parse(raw);
    }
    return typeof body === 'object' && body !== null && !Array.isArray(body);
  } catch {
    return false;
  }
}
