import { SlackApiError } from './method';

/** Slack's cursors are opaque; the fake's are base64 of `offset:N`, and any other is `invalid_cursor`. */
export function offsetOf(cursor: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new SlackApiError('invalid_cursor');
  return Number(match[1]);
}

/** The next page's cursor, or '' (as Slack says "no more") when `next` is past the end. */
export const pageCursor = (next: number, total: number): string =>
  next < total ? Buffer.from(`offset:${next}`).toString('base64') : '';
