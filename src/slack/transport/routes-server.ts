import { createServer, type Server } from 'node:http';
import { buildReceiverRoutes, type CustomRoute, type Logger } from '@slack/bolt';
import { requestPath } from '../../http/request-path';

/** A plain HTTP server for the custom routes (exact paths), as Bolt's own Socket Mode receiver has. */
export function serveRoutes(routes: CustomRoute[], logger: Logger): Server {
  const table = buildReceiverRoutes(routes);
  return createServer((req, res) => {
    const path = requestPath(req.url);
    if (path === undefined) {
      res.writeHead(400).end();
      return;
    }
    const handler = table[path]?.[(req.method ?? 'GET').toUpperCase()];
    if (!handler) {
      logger.debug(`no route for ${req.method} ${path}`);
      res.writeHead(404).end();
      return;
    }
    handler(Object.assign(req, { params: {} }), res);
  });
}
