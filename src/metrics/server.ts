import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { listenError } from '../errors/startup-error';
import type { Logger } from '../logger';

/**
 * GET /metrics on a port of its own (METRICS_PORT), never on the Slack port, so the metrics are
 * not exposed wherever /slack/events is. It asks for no credentials: on all interfaces unless
 * METRICS_HOST names one.
 */
export async function startMetricsServer(o: {
  port: number;
  /** Unset: all interfaces. */
  host?: string;
  registry: Registry;
  logger: Logger;
}): Promise<{ port: number; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found. Metrics are at GET /metrics.\n');
      return;
    }
    o.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': o.registry.contentType });
        res.end(text);
      },
      (error: unknown) => {
        o.logger.error({ err: error }, 'metrics could not be collected');
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('metrics could not be collected\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        listenError(error, {
          name: 'METRICS_PORT',
          port: o.port,
          host: o.host === undefined ? undefined : { name: 'METRICS_HOST', value: o.host },
          serves: '/metrics',
        }),
      ),
    );
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
