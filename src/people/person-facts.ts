/** What kind of account an id is: only a person can hold a role. */
export type PersonKind = 'person' | 'bot' | 'deactivated' | 'missing';

/** What the chat platform last said about a person, and when (UTC ms). */
export interface PersonFacts {
  kind: PersonKind;
  /** Their time zone, as the platform has it; null when it has none. */
  tz: string | null;
  at: number;
}
