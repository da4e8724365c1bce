import type { EntryChangeObserver, EntryObserver } from '../../timeline/record';

/** An incident's timeline changed: new entries, or (with `entryId`) that one entry was edited or removed. */
export interface TimelineChange {
  incidentId: number;
  entryId?: number;
}

/**
 * Tells the console's open event streams that an incident's timeline changed in this process. The
 * composition root registers `observe` and `observeChange` with the recorder (after each commit);
 * a stream then reads from the store, so it sends what was stored, never the event.
 */
export function createTimelineChanges() {
  const listeners = new Set<(change: TimelineChange) => void>();
  const tell = (change: TimelineChange) => {
    for (const listen of listeners) listen(change);
  };
  const observe: EntryObserver = (entry) => tell({ incidentId: entry.incidentId });
  const observeChange: EntryChangeObserver = (change) => tell(change);
  return {
    observe,
    observeChange,
    /** Returns the way to stop listening. */
    listen(then: (change: TimelineChange) => void): () => void {
      listeners.add(then);
      return () => listeners.delete(then);
    },
  };
}

export type TimelineChanges = Pick<ReturnType<typeof createTimelineChanges>, 'listen'>;
