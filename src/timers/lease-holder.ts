import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Policy } from '../config/policy';
import type { Leased } from '../store/leases.repository';

/**
 * Who this process is on the leases it takes on timed work (src/store/leases.repository.ts), and
 * how long it takes them for. The owner is new on every start: a restarted replica does not hold
 * what its previous life leased; it takes that over, like any other replica, once the lease ends.
 */
export interface LeaseHolder {
  owner: string;
  /** Milliseconds (policy `leaseFor`). */
  forMs: number;
}

const PROCESS_OWNER = `${os.hostname().slice(0, 40)}:${process.pid}:${randomBytes(6).toString('hex')}`;

const DEFAULT_LEASE = 2 * 60_000;

export function leaseHolderOf(policy: Pick<Policy, 'leaseFor'>, owner = PROCESS_OWNER): LeaseHolder {
  return { owner, forMs: policy.leaseFor ?? DEFAULT_LEASE };
}

/** The terms of a lease taken at `now`. */
export const leaseTerms = (holder: LeaseHolder, now: number) => ({ owner: holder.owner, until: now + holder.forMs });

/**
 * Renews a lease while its holder works on it (every third of its length), so a slow Slack or a
 * busy replica does not lose work it is still doing: only a replica that stopped lets it run out.
 * Returns the function that stops renewing.
 */
export function keepRenewed(holder: LeaseHolder, renew: () => Promise<unknown>): () => void {
  const timer = setInterval(() => void renew().catch(() => undefined), Math.max(100, holder.forMs / 3));
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Rows leased per claim, for rows worked one after another: each lease runs from its own claim, so
 * the last rows of a long batch keep theirs, and other replicas find the rest to share.
 */
export const CLAIM_AT_ONCE = 10;

/**
 * Rows leased per claim for a job whose rows are worked at the same time and committed together
 * (timed-job.ts `completeTogether`): each claim is one transaction of their writes, so on PostgreSQL
 * a tick's cost falls with its size; and twenty messages at once is still far below what Slack takes.
 */
export const CLAIM_TOGETHER = 20;

/**
 * Works through due rows a few at a time, claiming each few just before working on them, up to
 * `max` per call, and keeps each row's lease renewed until `work` says it is done with it. The next
 * few are claimed once `work` resolves, which may be before it is done with them all (a job whose
 * rows wait for their few's commit: the next few are read and sent meanwhile); the call ends when
 * every row is done. A row handed back still due (its work must wait, e.g. for a channel) comes back
 * from a later claim: it is given back again and not worked twice in one call.
 */
export async function eachLeased(
  rows: {
    claim: (limit: number) => Promise<Leased[]>;
    giveBack: (id: number) => Promise<unknown>;
    renew: (id: number) => Promise<unknown>;
    holder: LeaseHolder;
  },
  max: number,
  work: (batch: Leased[], done: (leased: Leased) => void) => Promise<void>,
  atOnce = CLAIM_AT_ONCE,
): Promise<void> {
  const seen = new Set<number>();
  const batches: Array<Promise<void>> = [];
  while (seen.size < max) {
    const batch = await rows.claim(Math.min(atOnce, max - seen.size));
    const fresh = batch.filter((leased) => !seen.has(leased.id));
    for (const leased of batch) if (seen.has(leased.id)) await rows.giveBack(leased.id);
    if (fresh.length === 0) break;
    for (const leased of fresh) seen.add(leased.id);
    const waiting = new Set(fresh.map((leased) => leased.id));
    const stop = keepRenewed(rows.holder, () => Promise.all([...waiting].map((id) => rows.renew(id))));
    let finished!: () => void;
    batches.push(new Promise<void>((resolve) => (finished = resolve)));
    const done = (leased: Leased) => {
      waiting.delete(leased.id);
      if (waiting.size > 0) return;
      stop();
      finished();
    };
    try {
      await work(fresh, done);
    } catch (error) {
      stop();
      throw error;
    }
  }
  await Promise.all(batches);
}
