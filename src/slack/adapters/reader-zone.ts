import type { PeopleDirectory } from './people-directory';

/**
 * The time zone a person reads in, as Slack knows it (users.info tz, kept: people-directory.ts); the
 * policy's zone when Slack has none for them or cannot say. Times people type are read in the same zone.
 */
export async function readerZone(people: PeopleDirectory, userId: string, fallback: string): Promise<string> {
  try {
    return (await people.facts(userId)).tz ?? fallback;
  } catch {
    return fallback;
  }
}
