import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createLogger } from '../../../src/logger';
import { startMetricsServer } from '../../../src/metrics/server';

const logger = createLogger('silent');
let stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.map((stop) => stop()));
  stops = [];
});

async function serve(host?: string): Promise<number> {
  const server = await startMetricsServer({ port: 0, ...(host ? { host } : {}), registry: new Registry(), logger });
  stops.push(server.stop);
  return server.port;
}

/** A server that should not have started is stopped anyway, so a failing test does not hang. */
function started<T extends { stop(): Promise<void> }>(server: Promise<T>): Promise<T> {
  server.then(
    (s) => stops.push(s.stop),
    () => undefined,
  );
  return server;
}

/** The status GET /metrics answers at this address, or the connection error's code. */
const scrape = (address: string, port: number) =>
  new Promise<number | string>((resolve) => {
    http
      .get({ host: address, port, path: '/metrics' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });

describe('the metrics server', () => {
  it('listens on every interface by default', async () => {
    const port = await serve();
    expect(await scrape('127.0.0.1', port)).toBe(200);
    expect(await scrape('::1', port)).toBe(200);
  });

  it('with METRICS_HOST=127.0.0.1 it answers there and nowhere else', async () => {
    const port = await serve('127.0.0.1');
    expect(await scrape('127.0.0.1', port)).toBe(200);
    expect(await scrape('::1', port)).toBe('ECONNREFUSED');
  });

  it('a port already taken stops start-up with a sentence naming METRICS_PORT', async () => {
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, () => resolve()));
    stops.push(() => new Promise<void>((resolve) => taken.close(() => resolve())));
    const port = (taken.address() as AddressInfo).port;
    await expect(started(startMetricsServer({ port, registry: new Registry(), logger }))).rejects.toThrow(
      `METRICS_PORT ${port} is already in use: choose another port for /metrics.`,
    );
  });

  it('an address that is not this machine’s stops start-up with a sentence naming METRICS_HOST', async () => {
    const server = startMetricsServer({ port: 0, host: '192.0.2.1', registry: new Registry(), logger });
    await expect(started(server)).rejects.toThrow(
      'METRICS_HOST 192.0.2.1 is not an address of this machine (EADDRNOTAVAIL).',
    );
  });
});
