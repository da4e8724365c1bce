import type { TransactionOptions } from '../store';

/**
 * Every declaration's transaction takes the next incident number (incidents.insertOnce), so any two
 * collide; they queue for it across replicas (store/index.ts) rather than retry against each other.
 */
export const TAKING_A_NUMBER: TransactionOptions = { queue: 'incident-numbers' };
