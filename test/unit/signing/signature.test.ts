import { createHmac } from 'node:crypto';
import { constantTimeEqual, signatureOf, signedHeaders, verifySignature } from '../../../src/signing/signature';

const NOW = Date.UTC(2026, 10, 24, 9, 0, 0);
const SECRET = 'shared-secret-for-tests';
const BODY = '{"title":"Disk full"}';

describe('the v1 signature', () => {
  it('is the hex HMAC-SHA256 of "<timestamp>.<body>", as a receiver computes it with any HMAC library', () => {
    const expected = createHmac('sha256', SECRET).update(`1700000000.${BODY}`).digest('hex');
    expect(signatureOf(SECRET, '1700000000', BODY)).toBe(`v1=${expected}`);
  });

  it('accepts headers it signed itself', () => {
    const headers = signedHeaders(SECRET, BODY, NOW);
    expect(headers['X-Commander-Timestamp']).toBe(String(NOW / 1000));
    const check = verifySignature({
      secret: SECRET,
      body: BODY,
      timestamp: headers['X-Commander-Timestamp'],
      signature: headers['X-Commander-Signature'],
      nowMs: NOW,
    });
    expect(check).toBe('valid');
  });

  it('refuses a changed body, another secret, a missing header and a timestamp outside five minutes', () => {
    const h = signedHeaders(SECRET, BODY, NOW);
    const base = {
      secret: SECRET,
      body: BODY,
      timestamp: h['X-Commander-Timestamp'],
      signature: h['X-Commander-Signature'],
      nowMs: NOW,
    };
    expect(verifySignature({ ...base, body: '{"title":"Disk fine"}' })).toBe('mismatch');
    expect(verifySignature({ ...base, secret: 'another-secret' })).toBe('mismatch');
    expect(verifySignature({ ...base, signature: undefined })).toBe('missing');
    expect(verifySignature({ ...base, timestamp: undefined })).toBe('missing');
    expect(verifySignature({ ...base, nowMs: NOW + 5 * 60_000 })).toBe('valid');
    expect(verifySignature({ ...base, nowMs: NOW + 5 * 60_000 + 1_000 })).toBe('stale');
    expect(verifySignature({ ...base, nowMs: NOW - 6 * 60_000 })).toBe('stale');
    expect(verifySignature({ ...base, timestamp: 'soon' })).toBe('mismatch');
  });

  it('compares strings of different lengths as unequal', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
  });
});
