import type { Clock } from '../clock';
import type { Store } from '../store';

export type PeopleService = ReturnType<typeof createPeopleService>;

/** Remembers the display names Slack sends with requests, for exports read outside Slack. */
export function createPeopleService({ store, clock }: { store: Store; clock: Clock }) {
  return {
    remember(userId: string, name: string): void {
      if (/^[UW][A-Z0-9]{2,}$/.test(userId) && name.trim()) store.people.remember(userId, name.trim().slice(0, 80), clock.now());
    },
    nameOf(userId: string): string | undefined {
      return store.people.nameOf(userId);
    },
  };
}
