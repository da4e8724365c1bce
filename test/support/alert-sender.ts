import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { signedHeaders } from '../../src/signing/signature';
import type { Harness } from './harness';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'alerts');

/** A payload sample from test/fixtures/alerts, parsed, so a test can vary it. */
export const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));

export interface AlertResponse {
  status: number;
  json: Record<string, unknown> | null;
}

/** The app's base URL (its receiver's, without /slack/events). */
export const baseUrl = (h: Harness): string => h.eventsUrl.replace(/\/slack\/events$/, '');

/**
 * POSTs a body the way a sender would, over a plain HTTP connection (a refused huge body may be
 * cut off mid-upload, which fetch reports as an error rather than the answer).
 */
export function postRaw(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<AlertResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> | null = null;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Alertmanager or Grafana posting with its bearer token; waits until the app has done the work. */
export async function sendWithToken(
  h: Harness,
  kind: 'alertmanager' | 'grafana',
  payload: unknown,
  token: string | null,
): Promise<AlertResponse> {
  const response = await postRaw(
    `${baseUrl(h)}/alerts/${kind}`,
    JSON.stringify(payload),
    token === null ? {} : { authorization: `Bearer ${token}` },
  );
  await h.commander.idle();
  return response;
}

/** A generic alert signed with the source's secret (at the harness clock's time unless told). */
export async function sendGeneric(
  h: Harness,
  payload: unknown,
  secret: string,
  at = h.clock.now(),
): Promise<AlertResponse> {
  const body = JSON.stringify(payload);
  const response = await postRaw(`${baseUrl(h)}/alerts/generic`, body, signedHeaders(secret, body, at));
  await h.commander.idle();
  return response;
}
