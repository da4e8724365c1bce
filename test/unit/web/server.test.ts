import { createLogger } from '../../../src/logger';
import type { Authenticator } from '../../../src/web/auth/authenticator';
import type { ConsolePages, WebResponse } from '../../../src/web/console.types';
import { startWebServer, type WebServer } from '../../../src/web/server';

/** The console's server with a stand-in sign-in that lets in whoever sends `x-test-user`. */
const byHeader: Authenticator = {
  route: async () => null,
  who: async (visit) => {
    const user = visit.headers['x-test-user'];
    return user
      ? { reader: { userId: user, timeZone: 'Europe/Paris' } }
      : { answer: { status: 302, headers: { location: '/login' }, body: '' } };
  },
};

let server: WebServer;
let url: string;
const seen: Array<{ path: string; method: string; userId: string; timeZone: string | null }> = [];
let streamEnded: Promise<void>;

beforeAll(async () => {
  let ended!: () => void;
  streamEnded = new Promise((resolve) => (ended = resolve));
  const pages: ConsolePages = {
    async handle(request, reader): Promise<WebResponse | null> {
      seen.push({ path: request.path, method: request.method, ...reader });
      if (request.path === '/boom') throw new Error('SELECT * FROM secrets failed at line 3');
      if (request.path === '/events')
        return {
          status: 200,
          headers: { 'Content-Type': 'text/event-stream' },
          body: 'retry: 1000\n\n',
          stream: async (write, signal) => {
            write('data: one\n\n');
            await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
            ended();
          },
        };
      if (request.path !== '/') return null;
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'Cache-Control': 'private, max-age=5' },
        body: '<p>list</p>',
      };
    },
  };
  server = await startWebServer({ port: 0, host: '127.0.0.1', auth: byHeader, pages, logger: createLogger('silent') });
  url = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => server.stop());

const as = (user: string, init: RequestInit = {}) => ({
  ...init,
  redirect: 'manual' as const,
  headers: { 'x-test-user': user },
});

describe('the console server', () => {
  it('hands a signed-in request to the pages with the reader, and adds the security headers', async () => {
    const page = await fetch(`${url}/?q=x`, as('UBOB'));
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<p>list</p>');
    expect(seen.at(-1)).toEqual({ path: '/', method: 'GET', userId: 'UBOB', timeZone: 'Europe/Paris' });
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('private, max-age=5');
  });

  it('answers what the sign-in says to someone it does not know, without asking the pages', async () => {
    const before = seen.length;
    const answer = await fetch(`${url}/`, { redirect: 'manual' });
    expect([answer.status, answer.headers.get('location')]).toEqual([302, '/login']);
    expect(answer.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(seen.length).toBe(before);
  });

  it('answers 404 for a path the pages do not know, 405 for other methods, and HEAD without a body', async () => {
    expect((await fetch(`${url}/nowhere`, as('UBOB'))).status).toBe(404);
    const post = await fetch(`${url}/`, as('UBOB', { method: 'POST' }));
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    const head = await fetch(`${url}/`, as('UBOB', { method: 'HEAD' }));
    expect([head.status, await head.text()]).toEqual([200, '']);
  });

  it('a page that fails answers with a sentence, not the error', async () => {
    const answer = await fetch(`${url}/boom`, as('UBOB'));
    const text = await answer.text();
    expect(answer.status).toBe(500);
    expect(text).toContain('The console could not answer just now');
    expect(text).not.toContain('secrets');
  });

  it('keeps an event stream open after its head, and tells the page when the client goes away', async () => {
    const controller = new AbortController();
    const answer = await fetch(`${url}/events`, { ...as('UBOB'), signal: controller.signal });
    expect(answer.headers.get('content-type')).toBe('text/event-stream');
    const reader = answer.body!.getReader();
    let text = '';
    while (!text.includes('data: one')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toBe('retry: 1000\n\ndata: one\n\n');
    controller.abort();
    await expect(streamEnded).resolves.toBeUndefined();
  });
});
