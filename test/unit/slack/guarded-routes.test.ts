import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';
import { createLogger } from '../../../src/logger';
import { guardRoutes } from '../../../src/slack/transport/guarded-routes';

let server: Server;
afterEach(async () => new Promise<void>((resolve) => server.close(() => resolve())));

/** Serves one guarded route on an ephemeral port and returns its URL and the log lines. */
async function serve(handler: CustomRoute['handler']): Promise<{ url: string; lines: string[] }> {
  const lines: string[] = [];
  const logger = createLogger('error', { write: (line: string) => void lines.push(line) });
  const [route] = guardRoutes([{ path: '/x', method: ['GET'], handler }], logger);
  server = createServer((req, res) => route!.handler(Object.assign(req, { params: {} }), res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, lines };
}

describe('a guarded custom route', () => {
  it.each([
    [
      'throws',
      () => {
        throw new Error('boom');
      },
    ],
    [
      'rejects',
      async () => {
        throw new Error('boom');
      },
    ],
  ])('that %s is answered 500 and logged', async (_how, handler) => {
    const { url, lines } = await serve(handler);
    expect((await fetch(url)).status).toBe(500);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ msg: 'route failed', path: '/x', err: expect.objectContaining({ message: 'boom' }) }),
    ]);
  });

  it('answers as the handler does when it works', async () => {
    const { url } = await serve(async (_req, res) => {
      res.writeHead(204).end();
    });
    expect((await fetch(url)).status).toBe(204);
  });
});
