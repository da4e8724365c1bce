import type { Clock } from '../clock';
import type { Repositories } from '../store';

export type PeopleService = ReturnType<typeof createPeopleService>;

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
// Slack escapes mentions in command text as <@U0123|name> (the label is the user's name).
const LABELLED_MENTION = /<@([UW][A-Z0-9]{2,})\|([^>]+)>/g;

/** Remembers the display names Slack sends with requests, for exports read outside Slack. */
export function createPeopleService({ store, clock }: { store: Repositories<'people'>; clock: Clock }) {
  // Every request carries its sender's name; the database is written only when a name is new.
  const known = new Map<string, string>();
  function remember(userId: string, name: string): void {
    const clean = name.trim().slice(0, 80);
    if (!USER_ID.test(userId) || !clean || known.get(userId) === clean) return;
    store.people.remember(userId, clean, clock.now());
    known.set(userId, clean);
  }
  return {
    remember,
    /** Learns the names in labelled mentions, so "@carol" owns a follow-up rather than "@U0CAROL". */
    rememberMentions(text: string): void {
      for (const [, id, label] of text.matchAll(LABELLED_MENTION)) remember(id!, label!);
    },
    nameOf(userId: string): string | undefined {
      return store.people.nameOf(userId);
    },
  };
}
