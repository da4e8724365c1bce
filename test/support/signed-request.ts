import { createHmac } from 'node:crypto';

export interface SignedResponse {
  status: number;
  text: string;
  /** The body parsed as JSON when it is JSON (acks with a body are). */
  json: any;
}

export function sign(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/**
 * POSTs a body to Bolt's receiver exactly as Slack does: a string body (fetch would add
 * "; charset" to URLSearchParams, which Bolt refuses), the exact form content type, and an
 * HMAC signature over "v0:<timestamp>:<body>".
 */
export async function postSigned(
  url: string,
  rawBody: string,
  secret: string,
  o: { timestamp?: number; signature?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<SignedResponse> {
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    body: rawBody,
    headers: {
      'content-type': o.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': o.signature ?? sign(secret, timestamp, rawBody),
      ...o.headers,
    },
  });
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

export const formBody = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

export const payloadBody = (payload: unknown): string => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
