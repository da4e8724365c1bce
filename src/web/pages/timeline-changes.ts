import type { EntryObserver } from '../../timeline/record';

/**
 * Tells the console's open event streams that an incident's timeline changed in this process. The
 * composition root registers `observe` with the recorder's observers (after each entry's commit);
 * a stream then reads what is new from the store, so it sends what was stored, never the event.
 */
export function createTimelineChanges() {
  const listeners = new Set<(incidentId: number) => void>();
  const observe: EntryObserver = (entry) => {
    for (const listen of listeners) listen(entry.incidentId);
  };
  return {
    observe,
    /** Also for changes that are not new entries (an entry edited or removed). */
    changed(incidentId: number): void {
      for (const listen of listeners) listen(incidentId);
    },
    /** Returns the way to stop listening. */
    listen(then: (incidentId: number) => void): () => void {
      listeners.add(then);
      return () => listeners.delete(then);
    },
  };
}

export type TimelineChanges = Pick<ReturnType<typeof createTimelineChanges>, 'listen'>;
