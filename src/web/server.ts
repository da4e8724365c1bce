import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatError } from '../errors/chat-error';
import { listenError } from '../errors/startup-error';
import { readBody } from '../http/read-body';
import type { Logger } from '../logger';
import { type Answer, sentencePage } from './answers';
import type { Authenticator, Visit } from './auth/authenticator';
import type { ConsolePages, WebResponse } from './console.types';

/**
 * On every answer, pages and refusals alike: nothing loads from elsewhere (the pages bring their own
 * styles and scripts, and work without the scripts), no other site frames the console, and the
 * address (which may hold an incident number or a sign-in code) is not sent on as a Referer.
 */
export const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const;

/** A sign-out form is a few dozen bytes. */
const FORM_LIMIT = 4_096;

export interface WebServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * The web console on WEB_PORT, nothing else there: the sign-in's own paths, then every other request
 * only for someone the authenticator knows, handed to the pages with who they are. GET and HEAD
 * (and POST for sign-out); no page is answered to someone not signed in.
 */
export async function startWebServer(o: {
  port: number;
  host?: string;
  auth: Authenticator;
  pages: ConsolePages;
  logger: Logger;
}): Promise<WebServer> {
  const log = o.logger.child({ component: 'web' });

  async function answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = URL.parse(req.url ?? '/', 'http://console.invalid');
    if (url?.host !== 'console.invalid')
      return send(res, method, sentencePage(400, 'Bad request', 'That is not an address of this console.'));
    const visit: Visit = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: plainHeaders(req.headers),
      remoteAddress: req.socket.remoteAddress ?? '',
      form: () => readForm(req),
    };
    const own = await o.auth.route(visit);
    if (own) return send(res, method, own);
    if (method !== 'GET' && method !== 'HEAD') {
      const page = sentencePage(405, 'Not allowed', 'The console’s pages are read with GET.');
      return send(res, method, { ...page, headers: { ...page.headers, allow: 'GET, HEAD' } });
    }
    const who = await o.auth.who(visit);
    if ('answer' in who) return send(res, method, who.answer);
    const page = await o.pages.handle(
      { method, path: visit.path, query: visit.query, headers: visit.headers },
      who.reader,
    );
    await send(res, method, page ?? sentencePage(404, 'Not found', 'There is no such page in the console.'));
  }

  const server = http.createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      log.error({ err: error, path: (req.url ?? '').split('?')[0] }, 'console request failed');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      void send(
        res,
        req.method ?? 'GET',
        error instanceof ChatError
          ? sentencePage(
              503,
              'Slack did not answer',
              'The console needed an answer from Slack and did not get one. Try again in a moment.',
            )
          : sentencePage(500, 'Something went wrong', 'The console could not answer just now. Try again in a moment.'),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(listenError(error, { name: 'WEB_PORT', port: o.port, serves: 'the web console' })),
    );
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open event streams end with their connections.
        server.closeAllConnections();
      }),
  };
}

async function send(res: http.ServerResponse, method: string, a: WebResponse | Answer): Promise<void> {
  const headers: Record<string, string | string[]> = { 'cache-control': 'no-store' };
  for (const [name, value] of Object.entries(a.headers)) headers[name.toLowerCase()] = value;
  Object.assign(headers, SECURITY_HEADERS);
  if ('cookies' in a && a.cookies?.length) headers['set-cookie'] = a.cookies;
  res.writeHead(a.status, headers);
  if (method === 'HEAD') {
    res.end();
    return;
  }
  if (!a.stream) {
    res.end(a.body);
    return;
  }
  res.write(a.body);
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  try {
    await a.stream((chunk) => {
      if (!gone.signal.aborted) res.write(chunk);
    }, gone.signal);
  } finally {
    res.end();
  }
}

/** Header values as one string each, as the pages and the sign-in read them. */
function plainHeaders(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const plain: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) plain[name] = Array.isArray(value) ? value.join(', ') : value;
  return plain;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams | null> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return null;
  const read = await readBody(req, FORM_LIMIT);
  return read.ok ? new URLSearchParams(read.body.toString('utf8')) : null;
}
