import { DEFAULT_POLICY } from '../src/config/policy';
import { createJobRunner } from '../src/timers/runner';
import { leaseHolderOf } from '../src/timers/lease-holder';
import { createLogger } from '../src/logger';
import { createRemindersService } from '../src/reminders/reminders.service';
import type { Store } from '../src/store';
import { ManualClock } from '../test/support/manual-clock';
import { elapsedMs } from './stats';
import { createRecorder } from '../src/timeline/record';

export const OPEN = 10_000;
export const DUE = 100;
export const NOW = Date.UTC(2026, 0, 1, 12);
/**
 * Ticks measured, after one that is not; their mean is reported. On SQLite the WAL's automatic
 * checkpoint (every 1000 pages written) falls on every other tick here, so a median would report
 * whichever half of them it happened to land in; the mean gives each tick its share.
 */
export const TICKS = 11;

/** Makes the first DUE reminders due again (plain SQL, `?` placeholders: the bench's own business). */
export const REARM = 'UPDATE reminders SET due_at = ?, missed = 0, last_sent_at = NULL WHERE incident_id <= ?';
export const REARM_ARGS = [NOW - 1_000, DUE] as const;

/** OPEN open incidents with a channel, DUE of them with a reminder due at NOW. */
async function seed(store: Store): Promise<void> {
  await store.transaction(async (tx) => {
    for (let i = 0; i < OPEN; i++) {
      const { incident } = await tx.incidents.insertOnce({
        declareKey: `k${i}`,
        title: `Incident ${i}`,
        severity: 'SEV1',
        impact: '',
        commanderId: 'UBOB',
        declaredBy: 'UALICE',
        declaredAt: NOW - 60_000,
        sourceViewId: null,
      });
      await tx.incidents.update(incident.id, { channelId: `C${i}`, channelName: `inc-${i}` });
      await tx.reminders.save({
        incidentId: incident.id,
        dueAt: i < DUE ? NOW - 1_000 : NOW + 600_000 + i,
        missed: 0,
        escalatedAt: null,
        escalationLevel: 0,
        snoozes: 0,
        lastSentAt: null,
        failures: 0,
        lastError: null,
      });
    }
  });
}

/**
 * The mean of TICKS scheduler ticks (after one that warms the JIT and the database's caches) over
 * OPEN open incidents, DUE of them due; Slack calls are no-ops.
 */
export async function meanTick(store: Store, rearm: () => Promise<void>): Promise<number> {
  await seed(store);
  let sent = 0;
  const clock = new ManualClock(NOW);
  const logger = createLogger('silent');
  const reminders = createRemindersService({
    store,
    recorder: createRecorder({ line: () => '' }), // the tick's cost, not the text line's (left empty, as ever here)
    policy: DEFAULT_POLICY,
    clock,
    logger,
    notifier: { remindCommander: async () => void sent++, postOverdueNote: async () => undefined },
    authorize: async () => undefined, // the bench never snoozes
  });
  const runner = createJobRunner({ store, clock, lease: leaseHolderOf(DEFAULT_POLICY), logger });
  const times: number[] = [];
  for (let round = 0; round <= TICKS; round++) {
    await rearm();
    sent = 0;
    const started = process.hrtime.bigint();
    const count = await runner.run(reminders.job);
    if (round > 0) times.push(elapsedMs(started));
    if (count !== DUE || sent !== DUE) throw new Error(`expected ${DUE} reminders, sent ${sent}, counted ${count}`);
  }
  return times.reduce((sum, t) => sum + t, 0) / times.length;
}
