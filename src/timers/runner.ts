import type { Clock } from '../clock';
import { CLAIM_AT_ONCE, CLAIM_TOGETHER, eachLeased, keepRenewed, type LeaseHolder, leaseTerms } from './lease-holder';
import type { Logger } from '../logger';
import type { Store, Tx } from '../store';
import type { Leased } from '../store/leases.repository';
import { commitGroup } from './group-commit';
import { coalescedReads } from './coalesced-calls';
import { oneAtATime } from './one-at-a-time';
import type { ClaimedItem, JobRunner, TimedJob } from './timed-job';

/**
 * Lets the event loop answer what arrived while a job ran. With SQLite every store call resolves
 * at once, so a tick that finds nothing due would otherwise hold the process for all of its
 * queries in one go (a couple of milliseconds when its code is cold), and a Slack request that
 * came in meanwhile would wait for the whole tick before it could be acknowledged.
 */
export const letRequestsIn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** How an item's completion reaches the store: a transaction of its own, or its batch's. */
type Commit = <T>(write: (tx: Tx) => Promise<T>) => Promise<T>;
type Reads = ClaimedItem['reads'];

export interface JobRunnerDeps {
  store: Pick<Store, 'leases' | 'transaction' | 'incidents' | 'reminders'>;
  clock: Clock;
  lease: LeaseHolder;
  logger: Logger;
}

/**
 * Runs timed jobs over leased rows (src/store/README.md): claims due rows a few at a time, keeps
 * their leases renewed while it works, hands each to its job and lets requests in between them,
 * and logs an item's failure without stopping the others. One run per job at a time in a process:
 * a call during a run makes it look again before it ends, so what arrived meanwhile is not left
 * for the next tick; other replicas lease other rows. A row whose work failed keeps its lease until
 * it runs out, then is taken over, as after a crash.
 *
 * A job whose items are independent (`completeTogether`) has each claimed few worked at the same
 * time and their completions committed together (group-commit.ts): a tick then costs a transaction
 * per few rows, not one per row. Other jobs' rows are worked one after another, in claim order.
 */
export function createJobRunner({ store, clock, lease, logger }: JobRunnerDeps): JobRunner {
  const runs = new Map<string, () => Promise<number>>();
  const alone: Commit = (write) => store.transaction(write);

  function item(job: TimedJob, { id, takenOver }: Leased, now: number, commit: Commit, reads: Reads): ClaimedItem {
    const holds = async (tx: Pick<Tx, 'leases'>) => (await tx.leases.holder(job.kind, id))?.owner === lease.owner;
    const release = (tx: Pick<Tx, 'leases'>) => tx.leases.release(job.kind, id, lease.owner);
    return {
      id,
      takenOver,
      now,
      reads,
      holds,
      release,
      complete: (write) =>
        commit(async (tx) => {
          if (!(await release(tx))) return { held: false as const };
          return { held: true as const, value: await write(tx) };
        }),
    };
  }

  /** This process's leases, as long as the job asks. */
  const holderFor = (job: TimedJob): LeaseHolder =>
    job.leaseFor === undefined ? lease : { ...lease, forMs: job.leaseFor };

  async function runJob(job: TimedJob): Promise<number> {
    if (job.enabled && !job.enabled()) return 0;
    const now = clock.now();
    const log = logger.child({ job: job.name });
    const holder = holderFor(job);
    let counted = 0;
    /** The last few's commit: one few commits while the next is worked, no more at once. */
    let committing: Promise<void> = Promise.resolve();
    const workOn = async (leased: Leased, commit: Commit, reads: Reads) => {
      const outcome = await workOne(job, item(job, leased, now, commit, reads), log);
      // Not `counted += await …`: that reads the sum before the await, and items at work at once would each overwrite it.
      counted += Number(outcome);
    };
    await eachLeased(
      {
        claim: (limit) => {
          const take = (leases: Pick<Store, 'leases'>) =>
            leases.leases.claimDue(job.kind, now, leaseTerms(holder, clock.now()), limit, job.lane);
          return job.claimAtomically ? store.transaction(take) : take(store);
        },
        giveBack: (id) => store.leases.release(job.kind, id, lease.owner),
        renew: (id) => store.leases.renew(job.kind, id, leaseTerms(holder, clock.now())),
        holder,
      },
      job.batch,
      async (batch, done) => {
        if (!job.completeTogether) {
          for (const leased of batch) {
            await workOn(leased, alone, store);
            done(leased);
            await letRequestsIn();
          }
          return;
        }
        const group = commitGroup(store, batch.length);
        // Started together, so that what they read at the same time is read at once.
        const reads = coalescedReads(store);
        for (const leased of batch) {
          void workOn(leased, group.commit, reads).finally(() => {
            done(leased);
            group.leave();
          });
        }
        await letRequestsIn();
        // The next few are claimed and worked while this few commits, once the one before has.
        await group.allWaiting;
        await committing;
        committing = group.committed;
      },
      job.completeTogether ? CLAIM_TOGETHER : CLAIM_AT_ONCE,
    );
    return counted;
  }

  async function workOne(job: TimedJob, claimed: ClaimedItem, log: Logger): Promise<boolean | number> {
    try {
      return await job.work(claimed);
    } catch (error) {
      log.error({ err: error, id: claimed.id }, 'timed job failed for one item');
      return false;
    }
  }

  return {
    run(job) {
      let run = runs.get(job.name);
      if (!run) {
        run = oneAtATime(() => runJob(job));
        runs.set(job.name, run);
      }
      return run();
    },
    async runOne(job, id) {
      const now = clock.now();
      const holder = holderFor(job);
      const leased = await store.leases.claim(job.kind, id, now, leaseTerms(holder, now));
      if (!leased) return null;
      const stop = keepRenewed(holder, () => store.leases.renew(job.kind, id, leaseTerms(holder, clock.now())));
      try {
        return await workOne(job, item(job, leased, now, alone, store), logger.child({ job: job.name }));
      } finally {
        stop();
      }
    },
  };
}
