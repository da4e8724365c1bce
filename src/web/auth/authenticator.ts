import type { Clock } from '../../clock';
import type { Answer } from '../answers';
import type { Reader } from '../console.types';
import { briefCache } from './brief-cache';
import type { ConsoleSlackPort } from './console-slack.port';

/** A request as the sign-in sees it. */
export interface Visit {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  /** Where the connection comes from (IPv4-mapped IPv6 addresses as IPv4). */
  remoteAddress: string;
  /** A POST's form fields; null when there is none or it is too large. */
  form(): Promise<URLSearchParams | null>;
}

export type Who = { reader: Reader } | { answer: Answer };

/** How the console learns who asks: Sign in with Slack, or an authenticating proxy. */
export interface Authenticator {
  /** Answers the sign-in's own paths (/login, /auth/callback, /logout); null for any other. */
  route(visit: Visit): Promise<Answer | null>;
  /** Who asks, or what to answer instead (the way to sign in, a refusal). */
  who(visit: Visit): Promise<Who>;
}

/** How long a person's Slack time zone is believed before users.info is asked again. */
const ZONE_FOR_MS = 10 * 60_000;

/** The Reader for a signed-in person: their id and Slack time zone (users.info, kept briefly). */
export function readersOf(slack: Pick<ConsoleSlackPort, 'timeZoneOf'>, clock: Clock) {
  const zones = briefCache<string | null>(clock, ZONE_FOR_MS);
  return async (userId: string): Promise<Reader> => ({
    userId,
    timeZone: await zones(userId, () => slack.timeZoneOf(userId).catch(() => null)),
  });
}
