import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type HttpReply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string; headers?: Record<string, string> }
  /** Close the socket without answering, as a network failure would. */
  | { drop: true };

export interface HttpServer {
  origin: string;
  close(): Promise<void>;
}

/** A plain HTTP server on 127.0.0.1 and an ephemeral port that hands whole requests to `handle`. */
export async function listen(handle: (request: HttpRequest) => HttpReply | Promise<HttpReply>): Promise<HttpServer> {
  let origin = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      let reply: HttpReply;
      try {
        reply = await handle({
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', origin),
          headers: req.headers,
          body: Buffer.concat(chunks),
        });
      } catch (error) {
        reply = { status: 500, text: `fake Slack failed: ${error instanceof Error ? error.stack : String(error)}` };
      }
      if ('drop' in reply) {
        req.socket.destroy();
        return;
      }
      const [contentType, body] =
        'json' in reply
          ? ['application/json; charset=utf-8', JSON.stringify(reply.json)]
          : ['text/plain; charset=utf-8', reply.text];
      res.writeHead(reply.status, { 'content-type': contentType, ...reply.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets from fetch would otherwise hold close() open for seconds.
        server.closeAllConnections();
      }),
  };
}
