import type { CustomRoute } from '@slack/bolt';
import type { Logger } from '../../logger';

/**
 * Custom routes whose failures stay with their request: a handler that throws or rejects is
 * answered 500 and logged. Both receivers call handlers without waiting on them, so a rejection
 * would otherwise go unhandled and the request never be answered.
 */
export function guardRoutes(routes: CustomRoute[], logger: Logger): CustomRoute[] {
  return routes.map((route) => ({
    ...route,
    handler: (req, res) => {
      // An async function turns a synchronous throw into a rejection too.
      (async () => route.handler(req, res))().catch((error: unknown) => {
        logger.error({ err: error, path: route.path }, 'route failed');
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    },
  }));
}
