import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import { listenError } from '../errors/startup-error';
import type { InFlight } from '../in-flight';
import type { Logger } from '../logger';
import type { Store } from '../store';
import { componentsOf } from './components';
import type { PageChanges } from './page-changes';
import { loadPageData } from './page-data';
import { buildSnapshot, COMMON_HEADERS, type Served } from './snapshot';

/** How often, at most, a request makes this replica ask whether another one published. */
const VERSION_CHECK_MS = 1_000;
/** Even with nothing published, the day being lived changes the uptime bars. */
const REBUILD_AT_LEAST_EVERY_MS = 60_000;

export interface StatusServer {
  port: number;
  /** Resolves once a rebuild under way (after a change) is served. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The public status page on STATUS_PORT, nothing else there. It serves a snapshot rendered in
 * memory from the page's own tables, rebuilt when this process changes the page (PageChanges, after
 * the commit) and when a version check, at most once a second and only when asked for a page, sees
 * another replica's change. Only GET and HEAD; no cookie.
 */
export async function startStatusServer(o: {
  port: number;
  host?: string;
  store: Pick<Store, 'statusPage' | 'transaction'>;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  inFlight: InFlight;
  changes: PageChanges;
}): Promise<StatusServer> {
  const log = o.logger.child({ component: 'statuspage' });
  await o.store.statusPage.addComponents(
    componentsOf(o.policy.services).map((c) => c.id),
    o.clock.now(),
  );
  let snapshot = new Map<string, Served>();
  let builtVersion = -1;
  let builtAt = 0;
  let checkedAt = 0;
  let running: Promise<void> | undefined;
  let again = false;

  async function build(): Promise<void> {
    do {
      again = false;
      const version = await o.store.statusPage.version();
      snapshot = buildSnapshot(await loadPageData(o.store, o.policy, o.clock.now()));
      builtVersion = version;
      builtAt = performance.now();
    } while (again);
  }
  function rebuild(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = o.inFlight
      .run(build)
      .catch((error: unknown) => log.error({ err: error }, 'status page could not be rebuilt'))
      .finally(() => {
        running = undefined;
      });
    return running;
  }
  async function checkVersion(): Promise<void> {
    const version = await o.store.statusPage.version();
    if (version !== builtVersion || performance.now() - builtAt > REBUILD_AT_LEAST_EVERY_MS) await rebuild();
  }

  await build();
  const stopListening = o.changes.listen(() => void rebuild());

  const server = http.createServer((req, res) => {
    const now = performance.now();
    if (now - checkedAt >= VERSION_CHECK_MS && !running) {
      checkedAt = now;
      checkVersion().catch((error: unknown) => log.warn({ err: error }, 'status page version check failed'));
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const stored = snapshot.get(path);
    if (!stored) return plain(res, 404, 'Not found.\n');
    const found = stored.gzip && acceptsGzip(req.headers['accept-encoding']) ? stored.gzip : stored;
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return plain(res, 405, 'Only GET and HEAD.\n', { allow: 'GET, HEAD' });
    if (matches(req.headers['if-none-match'], found.etag)) {
      res.writeHead(304, {
        ...COMMON_HEADERS,
        etag: found.etag,
        'cache-control': found.headers['cache-control'] as string,
        ...(stored.gzip ? { vary: 'accept-encoding' } : {}),
      });
      res.end();
      return;
    }
    res.writeHead(200, found.headers);
    res.end(req.method === 'HEAD' ? undefined : found.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        listenError(error, {
          name: 'STATUS_PORT',
          port: o.port,
          serves: 'the status page',
        }),
      ),
    );
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    settled: async () => {
      while (running) await running;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        stopListening();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function plain(res: http.ServerResponse, status: number, text: string, extra: Record<string, string> = {}) {
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
}

/** Accept-Encoding names gzip without refusing it (`gzip;q=0`). */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    return !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
  });
}

/** If-None-Match: a list of ETags, or `*`, weak ones compared weakly (RFC 9110 13.1.2). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
