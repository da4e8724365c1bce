import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Policy } from './config/policy';

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
