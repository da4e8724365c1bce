import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AlertKind, AlertNotification } from '../alerts/alert.types';
import type { AlertSource } from '../alerts/alerts.config';
import { parseNotification } from '../alerts/payloads';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { constantTimeEqual, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../signing/signature';
import { readBody } from './read-body';

/** Alertmanager caps nothing by default, but a 1 MB group is far past any real one. */
export const ALERT_BODY_LIMIT = 1024 * 1024;

/** What the endpoint answered; the metric's `result` label. */
export type IntakeResult = 'accepted' | 'unauthorized' | 'malformed' | 'too_large';

export interface AlertEndpointDeps {
  sources: readonly AlertSource[];
  clock: Clock;
  logger: Logger;
  /** Stores the notification durably; the 202 is sent only after it returns. */
  record: (source: string, notification: AlertNotification) => Promise<number>;
  /** Starts processing what was recorded (after the answer). */
  afterRecord: () => void;
  onResult?: (source: string, result: IntakeResult) => void;
}

export interface AlertEndpoint {
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

function answer(res: ServerResponse, status: number, body: Record<string, unknown>, close = false): void {
  res.writeHead(status, { 'content-type': 'application/json', ...(close ? { connection: 'close' } : {}) });
  res.end(JSON.stringify(body));
}

/** The source whose token the bearer header carries. Every token is compared, so timing says nothing of which. */
function bySourceToken(sources: readonly AlertSource[], header: string | undefined): AlertSource | undefined {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (!token) return undefined;
  let found: AlertSource | undefined;
  for (const source of sources) {
    if (source.token !== undefined && constantTimeEqual(source.token, token) && !found) found = source;
  }
  return found;
}

function bySignature(
  sources: readonly AlertSource[],
  req: IncomingMessage,
  body: Buffer,
  nowMs: number,
): AlertSource | undefined {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  let found: AlertSource | undefined;
  for (const source of sources) {
    if (source.secret === undefined) continue;
    const check = verifySignature({
      secret: source.secret,
      body,
      timestamp: header(TIMESTAMP_HEADER),
      signature: header(SIGNATURE_HEADER),
      nowMs,
    });
    if (check === 'valid' && !found) found = source;
  }
  return found;
}

/**
 * POST /alerts/alertmanager, /alerts/grafana and /alerts/generic. Each answers 202 once the
 * notification is stored, and the work runs after; a wrong credential gets 401, a body that is
 * not the sender's format 400 with one line saying why, and a body over 1 MB 413. Nothing of a
 * body is ever logged.
 */
export function alertEndpoints(deps: AlertEndpointDeps): AlertEndpoint[] {
  const { sources, logger } = deps;
  const log = logger.child({ component: 'alerts-in' });

  const handle = (kind: AlertKind) => async (req: IncomingMessage, res: ServerResponse) => {
    const refuse = (source: string, result: IntakeResult, status: number, error: string, close = false) => {
      deps.onResult?.(source, result);
      log.warn({ endpoint: kind, source, status }, 'alert notification refused');
      answer(res, status, { ok: false, error }, close);
    };
    const unauthorized = () => refuse('unknown', 'unauthorized', 401, 'unauthorized');
    let source: AlertSource | undefined;
    if (kind !== 'generic') {
      source = bySourceToken(sources, req.headers.authorization);
      if (!source) return unauthorized();
    }
    const read = await readBody(req, ALERT_BODY_LIMIT);
    if (!read.ok) {
      if (read.tooLarge) return refuse(source?.name ?? 'unknown', 'too_large', 413, 'body is larger than 1 MB', true);
      return refuse(source?.name ?? 'unknown', 'malformed', 400, 'the body could not be read');
    }
    if (kind === 'generic') {
      source = bySignature(sources, req, read.body, deps.clock.now());
      if (!source) return unauthorized();
    }
    if (!source) return unauthorized();
    const name = source.name;
    let json: unknown;
    try {
      json = JSON.parse(read.body.toString('utf8'));
    } catch {
      return refuse(name, 'malformed', 400, 'the body is not JSON');
    }
    const parsed = parseNotification(kind, json);
    if (!parsed.ok) return refuse(name, 'malformed', 400, parsed.reason);
    let id: number;
    try {
      id = await deps.record(name, parsed.notification);
    } catch (error) {
      // Not stored, so not accepted: the sender retries (Alertmanager and Grafana do on a 5xx).
      log.error({ err: error, endpoint: kind, source: name }, 'alert notification could not be stored');
      return answer(res, 503, { ok: false, error: 'could not store the notification; try again' });
    }
    deps.onResult?.(name, 'accepted');
    answer(res, 202, { ok: true, id });
    deps.afterRecord();
  };

  return (['alertmanager', 'grafana', 'generic'] as const).map((kind) => ({
    path: `/alerts/${kind}`,
    handler: (req, res) => {
      handle(kind)(req, res).catch((error: unknown) => {
        log.error({ err: error, endpoint: kind }, 'alert endpoint failed');
        if (!res.headersSent) answer(res, 500, { ok: false, error: 'internal error' });
      });
    },
  }));
}
