import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random public id, 12 characters as Statuspage's are: never derived from the incident number,
 * which would tell readers how many incidents (private ones included) there have been.
 */
export function newPublicId(): string {
  // 36 does not divide 256; the bias of taking each byte modulo 36 is irrelevant for an id.
  return Array.from(randomBytes(12), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}
