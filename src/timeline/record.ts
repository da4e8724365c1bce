import type { Tx } from '../store';
import type { NewTimelineEntry, RecordedEntry, TimelineEntry } from './timeline.types';

/** The entry as one plain line for the `text` column (the composition root says how it reads). */
export type EntryLine = (entry: NewTimelineEntry) => string;

/**
 * Told of each new entry inside the transaction that records it, with that transaction's
 * repositories (the webhook outbox): what it writes stands or falls with the entry.
 */
export type EntryListener = (entry: NewTimelineEntry, tx: Tx) => Promise<void>;

/** Told of each new entry once it is written (metrics); touches nothing in the store. */
export type EntryObserver = (entry: NewTimelineEntry) => void;

/** Told once an entry's edit or removal is through: which one, so whoever shows it can read it again. */
export type EntryChangeObserver = (change: { incidentId: number; entryId: number }) => void;

export interface Recorder {
  /**
   * Appends the entry and tells the listeners, in one transaction (nested in `tx`'s when `tx` is
   * one); returns its id, or undefined when its sourceKey was recorded already (then nobody is told).
   */
  record(
    tx: Pick<Tx, 'timeline' | 'transaction' | 'afterCommit'>,
    entry: NewTimelineEntry,
  ): Promise<number | undefined>;
  /** Changes an entry's time or data (its history keeps what it said); its line is written afresh. */
  rewrite(
    tx: Pick<Tx, 'timeline' | 'afterCommit'>,
    entry: TimelineEntry,
    changed: { at: number; by: string | null },
  ): Promise<boolean>;
  /** Marks an entry removed (kept in the table); `by` null: its source was deleted. False if it was already. */
  remove(
    tx: Pick<Tx, 'timeline' | 'afterCommit'>,
    entry: TimelineEntry,
    removed: { at: number; by: string | null },
  ): Promise<boolean>;
}

export interface RecorderOptions {
  line: EntryLine;
  /** In the order given; webhooks queue their events here (outbox semantics). */
  inTransaction?: EntryListener[];
  /** Once the entry's transaction has committed (never if it rolled back): metrics count here. */
  observers?: EntryObserver[];
  /** Once an entry's edit or removal has committed: the console's open incident pages hear here. */
  changeObservers?: EntryChangeObserver[];
}

/**
 * The one way out of a change onto the timeline: every entry is written through this, so whoever
 * listens to entries (registered once, in the composition root) hears of every one, and the store
 * is given the line to keep rather than a renderer to call.
 */
export function createRecorder({
  line,
  inTransaction = [],
  observers = [],
  changeObservers = [],
}: RecorderOptions): Recorder {
  const lined = <E extends NewTimelineEntry | TimelineEntry>(entry: E) =>
    ({ ...entry, text: line(entry) }) as RecordedEntry<E>;
  const written = (tx: Pick<Tx, 'afterCommit'>, entry: NewTimelineEntry, id: number | undefined) => {
    if (id === undefined || observers.length === 0) return id;
    tx.afterCommit(() => {
      for (const observe of observers) observe(entry);
    });
    return id;
  };
  const changed = (tx: Pick<Tx, 'afterCommit'>, entry: TimelineEntry, done: boolean) => {
    if (done && changeObservers.length > 0)
      tx.afterCommit(() => {
        for (const observe of changeObservers) observe({ incidentId: entry.incidentId, entryId: entry.id });
      });
    return done;
  };
  return {
    async record(tx, entry) {
      // Without listeners to hold to it, an append outside a transaction stays one statement (on
      // PostgreSQL a transaction costs a BEGIN and a COMMIT more).
      if (inTransaction.length === 0) return written(tx, entry, await tx.timeline.append(lined(entry)));
      const id = await tx.transaction(async (inside) => {
        const appended = await inside.timeline.append(lined(entry));
        if (appended !== undefined) for (const listen of inTransaction) await listen(entry, inside);
        return appended;
      });
      return written(tx, entry, id);
    },
    rewrite: async (tx, entry, edit) => changed(tx, entry, await tx.timeline.edit(lined(entry), edit)),
    remove: async (tx, entry, removed) =>
      changed(tx, entry, await tx.timeline.remove(entry.id, removed.at, removed.by)),
  };
}
