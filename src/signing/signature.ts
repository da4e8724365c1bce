import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature scheme Commander uses both ways (the generic alert endpoint in, webhooks out):
 * the same shape as Slack's request signing, so receivers can reuse what they know.
 *   X-Commander-Timestamp: Unix seconds
 *   X-Commander-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">
 */
export const TIMESTAMP_HEADER = 'x-commander-timestamp';
export const SIGNATURE_HEADER = 'x-commander-signature';

/** A signature older or newer than this is refused, so a captured request cannot be replayed later. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export function signatureOf(secret: string, timestamp: string, body: string | Buffer): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** Both headers for a body signed at `nowMs`. */
export function signedHeaders(secret: string, body: string | Buffer, nowMs: number): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { 'X-Commander-Timestamp': timestamp, 'X-Commander-Signature': signatureOf(secret, timestamp, body) };
}

/** Compares without leaking, through timing, how much of a guess was right. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // Lengths differ: still spend a comparison, so length alone is all a caller can learn.
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

export type SignatureCheck = 'valid' | 'missing' | 'stale' | 'mismatch';

/** Checks the headers against one secret; the timestamp must be within five minutes of `nowMs`. */
export function verifySignature(o: {
  secret: string;
  body: string | Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
}): SignatureCheck {
  if (!o.timestamp || !o.signature) return 'missing';
  if (!/^\d{1,12}$/.test(o.timestamp)) return 'mismatch';
  if (Math.abs(o.nowMs - Number(o.timestamp) * 1000) > SIGNATURE_WINDOW_MS) return 'stale';
  return constantTimeEqual(signatureOf(o.secret, o.timestamp, o.body), o.signature) ? 'valid' : 'mismatch';
}
