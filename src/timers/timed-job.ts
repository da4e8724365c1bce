import type { Tx } from '../store';
import type { WorkKind } from '../store/leases.repository';

/**
 * One row of timed work this process holds the lease on, as the job runner hands it to a job. The
 * job decides and does the work; the lease (taking, renewing, giving back) is the runner's.
 */
export interface ClaimedItem {
  id: number;
  /** Someone else leased it before and never completed it (a crash): what it did may exist already. */
  takenOver: boolean;
  /** When the tick began: what counts as due. */
  now: number;
  /**
   * Where the job reads the row and its incident before it acts: the store, or for items worked
   * together a view of it where the reads they ask at the same time are one statement.
   */
  reads: Pick<Tx, 'incidents' | 'reminders'>;
  /** Whether this process still holds the lease; inside the transaction that acts on it, through its `tx`. */
  holds(tx: Pick<Tx, 'leases'>): Promise<boolean>;
  /** Gives the lease back in the caller's transaction; false when this process held it no more. */
  release(tx: Pick<Tx, 'leases'>): Promise<boolean>;
  /**
   * Gives the lease back and writes the row's new state in one transaction, if this process still
   * held it; `held: false` when another replica took the item over meanwhile (and nothing was written).
   * For a job that completes together, the transaction is shared with the other items of its batch
   * (the write in it undone alone if it throws), and this resolves once the batch has committed.
   */
  complete<T>(write: (tx: Tx) => Promise<T>): Promise<{ held: true; value: T } | { held: false }>;
}

/**
 * A kind of timed work: which leased rows it takes (kind), how many per tick, and the work for one.
 * Adding a timer is a TimedJob and a line in jobs.ts.
 */
export interface TimedJob {
  /** The name in the tick report and in log lines. */
  name: string;
  kind: WorkKind;
  /** At most this many rows per tick; the rest wait for the next. */
  batch: number;
  /**
   * Whose rows of its kind this job takes, bound as @lane in the kind's claim (a webhook
   * receiver's URL): several jobs of one kind then run side by side, each on its own rows.
   */
  lane?: string;
  /** How long its leases last, when one item may take longer than the policy's `leaseFor` allows. */
  leaseFor?: number;
  /** Off (for now): the runner claims nothing. */
  enabled?: () => boolean;
  /**
   * Claims in a transaction of its own, for kinds whose claim checks other rows (the alert queue
   * takes nothing while another replica holds some, so it is worked through in order).
   */
  claimAtomically?: boolean;
  /**
   * Its rows are independent of each other (no order among them, no item waiting for another), so
   * each claimed few are worked at the same time and their `complete` calls committed in one
   * transaction (src/timers/group-commit.ts), each still released only if held and undone alone if
   * its write fails. Such a job must not call `complete` inside a transaction of its own.
   */
  completeTogether?: boolean;
  /** Works one claimed row; what counts in the tick report (sent, fired, archived…): true for one, or how many. */
  work(item: ClaimedItem): Promise<boolean | number>;
}

/** Runs timed jobs (src/timers/runner.ts); what the domain may ask of it. */
export interface JobRunner {
  /** Works what is due now; a call during a run makes that run look again before it ends. Returns how many counted. */
  run(job: TimedJob): Promise<number>;
  /** Works one row now, due or not (a post right after the change that made it); null when another holds it. */
  runOne(job: TimedJob, id: number): Promise<boolean | number | null>;
}
