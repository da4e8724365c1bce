import type { Clock } from '../clock';
import type { Repositories } from '../store';
import { cutText } from '../text/cut-text';

export type PeopleService = ReturnType<typeof createPeopleService>;

const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** Remembers the display names the chat platform sends with requests, for exports read outside it. */
export function createPeopleService({ store, clock }: { store: Repositories<'people'>; clock: Clock }) {
  // Every request carries its sender's name; the database is written only when a name is new.
  const known = new Map<string, string>();
  async function remember(userId: string, name: string): Promise<void> {
    const clean = cutText(name.trim(), 80);
    if (!USER_ID.test(userId) || !clean || known.get(userId) === clean) return;
    await store.people.remember(userId, clean, clock.now());
    known.set(userId, clean);
  }
  return {
    remember,
    /** Every known name by user id. */
    names(): Promise<Map<string, string>> {
      return store.people.all();
    },
  };
}
