import type { WebClient } from '@slack/web-api';
import { isTimeZone } from '../../text/zoned-time';

/**
 * The time zone a person reads in, as Slack knows it (users.info tz); the policy's zone when Slack
 * has none for them or cannot say. Times people type are read in the same zone.
 */
export async function readerZone(client: WebClient, userId: string, fallback: string): Promise<string> {
  try {
    const { user } = await client.users.info({ user: userId });
    const tz = user?.tz;
    return tz && isTimeZone(tz) ? tz : fallback;
  } catch {
    return fallback;
  }
}
