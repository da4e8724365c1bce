import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { PageData } from './page-data';
import { apiDocuments, incidentPath, overall } from './render-api';
import { renderBadge } from './render-badge';
import { renderAtom, renderRss } from './render-feeds';
import { renderHistory, renderHome, renderIncident, STATUS_WORDS, STYLE } from './render-html';

/** One response the page serves, ready to write: its bytes and every header, the ETag among them. */
export interface Served {
  body: Buffer;
  etag: string;
  headers: Record<string, string>;
  /** The same, gzipped once here, for readers that accept it (every browser): a fifth of the bytes sent. */
  gzip?: Omit<Served, 'gzip'>;
}

/** Below this a response goes as it is: gzip would save less than its own overhead. */
const GZIP_FROM_BYTES = 1_024;

/** Headers on every response the status port gives, 404s and 405s included. */
export const COMMON_HEADERS = {
  'content-security-policy': "default-src 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/** Revalidated on every use (cheap with the ETag), so a publication shows at once. */
const REVALIDATE = 'public, no-cache';

function served(text: string, type: string, cacheControl = REVALIDATE): Served {
  const body = Buffer.from(text, 'utf8');
  const tag = createHash('sha1').update(body).digest('base64url');
  const variant = (bytes: Buffer, etag: string, extra: Record<string, string>) => ({
    body: bytes,
    etag,
    headers: {
      ...COMMON_HEADERS,
      'content-type': type,
      'content-length': String(bytes.length),
      'cache-control': cacheControl,
      etag,
      ...extra,
    },
  });
  if (body.length < GZIP_FROM_BYTES) return variant(body, `"${tag}"`, {});
  // Caches keep the two apart by Accept-Encoding, and their ETags differ (RFC 9110 8.8.3).
  const vary = { vary: 'accept-encoding' };
  return {
    ...variant(body, `"${tag}"`, vary),
    gzip: variant(gzipSync(body, { level: 9 }), `"${tag}-gz"`, { ...vary, 'content-encoding': 'gzip' }),
  };
}

const HTML = 'text/html; charset=utf-8';
const SVG = 'image/svg+xml; charset=utf-8';

/**
 * Everything the status port serves, rendered once from the page's data and kept in memory: a
 * request is a lookup by path, so serving costs what bare node:http costs.
 */
export function buildSnapshot(data: PageData): Map<string, Served> {
  const out = new Map<string, Served>();
  out.set('/', served(renderHome(data), HTML));
  out.set('/history', served(renderHistory(data), HTML));
  out.set('/style.css', served(STYLE, 'text/css; charset=utf-8', 'public, max-age=3600'));
  for (const i of data.incidents) out.set(incidentPath(i.publicId), served(renderIncident(data, i), HTML));
  for (const [name, doc] of Object.entries(apiDocuments(data)))
    out.set(`/api/v2/${name}`, served(JSON.stringify(doc), 'application/json; charset=utf-8'));
  out.set('/feed.atom', served(renderAtom(data), 'application/atom+xml; charset=utf-8'));
  out.set('/feed.rss', served(renderRss(data), 'application/rss+xml; charset=utf-8'));
  const status = overall(data);
  out.set(
    '/badge.svg',
    served(
      renderBadge(
        'status',
        status.description.toLowerCase(),
        status.indicator === 'none'
          ? 'operational'
          : status.indicator === 'maintenance'
            ? 'maintenance'
            : status.indicator === 'minor'
              ? 'degraded_performance'
              : status.indicator === 'major'
                ? 'partial_outage'
                : 'major_outage',
      ),
      SVG,
    ),
  );
  for (const c of data.components)
    out.set(`/badge/${c.id}.svg`, served(renderBadge(c.name, STATUS_WORDS[c.status].toLowerCase(), c.status), SVG));
  return out;
}
