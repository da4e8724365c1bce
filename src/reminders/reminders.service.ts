import { errorCode, isTransient, nextAttemptAt } from '../errors/chat-error';
import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import { findSeverity } from '../config/policy';
import { requireOpenIncident } from '../incidents/lookup';
import type { Incident } from '../incidents/incident.types';
import type { Logger } from '../logger';
import type { Repositories } from '../store';
import type { ClaimedItem, TimedJob } from '../timers/timed-job';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import type { NewTimelineEntry } from '../timeline/timeline.types';
import { IncidentError } from '../incidents/incidents.errors';
import { afterSending, climbsNow, retryDelay } from './due';
import type { ReminderNotifier } from './reminder.port';
import type { ReminderNotice, ReminderState } from './reminder.types';

export interface RemindersDeps {
  store: Repositories<'incidents' | 'reminders' | 'timeline' | 'transaction'>;
  recorder: Recorder;
  notifier: ReminderNotifier;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  /** Climbs the ladder one level (escalations.service.ts) when a streak of missed updates asks for it. */
  climb?: (incidentId: number, missed: number) => Promise<unknown>;
  /** Throws the refusal unless the person may change this open incident (snoozing changes it). */
  authorize: (incidentId: number, userId: string) => Promise<unknown>;
}

/** At most this many reminders per tick; the rest wait for the next tick. */
const BATCH = 200;

export type RemindersService = ReturnType<typeof createRemindersService>;

export function createRemindersService(deps: RemindersDeps) {
  const { store, recorder, notifier, policy, clock, logger, climb, authorize } = deps;

  const severityOf = (incident: Incident) => findSeverity(policy, incident.severity);

  /**
   * Decides, for a reminder this process has leased, whether it is still due and what to send; the
   * state is not changed yet (complete() does, after the DM). Plain reads, no transaction: holding
   * the lease, no other replica works on this reminder, and complete() saves only if nobody (an
   * update, a snooze) changed it meanwhile. A reminder no longer due, or of an incident resolved or
   * without its channel, is settled here and its lease given back.
   */
  async function decide(item: ClaimedItem) {
    const { id: incidentId, now } = item;
    const [state, incident] = await Promise.all([
      item.reads.reminders.get(incidentId),
      item.reads.incidents.get(incidentId),
    ]);
    const notDue = !state || state.dueAt === null || state.dueAt > now;
    const sendable = incident && incident.resolvedAt === null && incident.channelId;
    if (notDue || !sendable) {
      await settle(item);
      return null;
    }
    const escalation = climbsNow(state, severityOf(incident)?.escalateAfterMissed ?? null);
    const next: ReminderState = {
      ...afterSending(state, now, policy),
      ...(escalation ? { escalatedAt: now, escalationLevel: state.escalationLevel + 1 } : {}),
    };
    return { incident, previous: state, next, escalation };
  }

  /** A leased reminder with nothing to send: its lease given back and, if still due, its due time moved. */
  async function settle({ id: incidentId, now, complete }: ClaimedItem): Promise<void> {
    await complete(async (tx) => {
      const state = await tx.reminders.get(incidentId);
      if (!state || state.dueAt === null || state.dueAt > now) return;
      const incident = await tx.incidents.get(incidentId);
      const waitingForChannel = incident && !incident.channelId && incident.resolvedAt === null;
      await tx.reminders.save({ ...state, dueAt: waitingForChannel ? now + policy.reminders.repeatAfter : null });
    });
  }

  /**
   * After the DM: gives the lease back and, if this process still held it, saves `next` unless
   * someone (an update, a snooze) changed the state meanwhile, and writes `entry`, all in one
   * transaction. Returns whether it held the lease, and whether the state was still as decided.
   */
  async function complete(
    item: ClaimedItem,
    previous: ReminderState,
    next: ReminderState,
    entry: NewTimelineEntry | null,
  ): Promise<{ held: boolean; unchanged: boolean }> {
    const done = await item.complete(async (tx) => {
      const saved = await tx.reminders.saveIfUnchanged([{ previous, next }]);
      if (entry) await recorder.record(tx, entry);
      return saved.has(previous.incidentId);
    });
    return done.held ? { held: true, unchanged: done.value } : { held: false, unchanged: false };
  }

  /** Sends the reminder of a leased row (the reminders job, below), if it is still due. */
  async function send(item: ClaimedItem): Promise<boolean> {
    const { id: incidentId, takenOver, now } = item;
    const decided = await decide(item);
    if (!decided) return false;
    const { incident, previous, next, escalation } = decided;
    const log = logger.child({ incidentId, reminder: next.missed });
    const at = { incidentId, at: now };
    const notice: ReminderNotice = {
      sinceLastUpdate: now - (incident.lastUpdateAt ?? incident.declaredAt),
      updateEvery: severityOf(incident)?.updateEvery ?? 0,
      reminderNumber: next.missed,
      snoozeFor: policy.reminders.snoozeFor,
      snoozesLeft: Math.max(0, policy.reminders.maxSnoozes - next.snoozes),
    };
    // Named by its due time: a replica taking it over finds this very reminder, not an earlier one.
    const key = (step: string) => ({ step: `${step}-${previous.dueAt}`, mayExist: takenOver });
    let done: { held: boolean; unchanged: boolean };
    try {
      await notifier.remindCommander(incident, notice, key('reminder'));
      done = await complete(
        item,
        previous,
        next,
        entries.reminderSent(at, {
          to: incident.commanderId,
          reminder: next.missed,
          sinceLastUpdate: notice.sinceLastUpdate,
          dueAt: previous.dueAt,
        }),
      );
      if (done.held) log.info('reminder sent');
    } catch (error) {
      const code = errorCode(error);
      if (isTransient(error)) {
        const failures = previous.failures + 1;
        await complete(
          item,
          previous,
          { ...previous, dueAt: nextAttemptAt(error, now, retryDelay(failures)), failures, lastError: code },
          null,
        );
        log.warn({ code, failures }, 'reminder send failed, will retry');
        return false;
      }
      // A refusal that will not pass is recorded once; the streak goes on so escalation still happens.
      done = await complete(
        item,
        previous,
        { ...next, lastError: code },
        entries.reminderFailed(at, { to: incident.commanderId, code }),
      );
      log.error({ code }, 'reminder could not be delivered');
    }
    // Another replica took it over meanwhile (this one was too slow): it finishes the job.
    if (!done.held) {
      log.warn('reminder lease lost to another replica before it was recorded');
      return false;
    }
    if (!done.unchanged) return true;
    if (next.missed === 1) {
      await notifier
        .postOverdueNote(incident, notice, key('overdue'))
        .catch((error) => log.warn({ code: errorCode(error) }, 'overdue note failed'));
    }
    if (escalation && climb) await climb(incident.id, next.missed - 1);
    return true;
  }

  /**
   * Status-update reminders whose time has come; other replicas lease other reminders. Each is an
   * incident's own, so a few are sent at once and recorded together.
   */
  const job: TimedJob = { name: 'reminders', kind: 'reminder', batch: BATCH, completeTogether: true, work: send };

  return {
    job,

    /**
     * Postpones the next reminder, never the ladder: the streak goes on, so missed updates still
     * climb it, and at most reminders.maxSnoozes times per streak. Returns the new due time.
     * Only someone who may change the incident may: a stale or forged Snooze must not silence
     * the reminders of whoever leads it now.
     */
    async snooze(incidentId: number, userId: string): Promise<number> {
      await authorize(incidentId, userId);
      const now = clock.now();
      return store.transaction(async (tx) => {
        await requireOpenIncident(tx, incidentId);
        const state = await tx.reminders.get(incidentId);
        if (state && state.snoozes >= policy.reminders.maxSnoozes) {
          throw new IncidentError(
            'invalid_input',
            `Reminders for incident #${incidentId} have been snoozed ${state.snoozes} times already; post an update to stop them.`,
          );
        }
        const dueAt = now + policy.reminders.snoozeFor;
        if (state) await tx.reminders.save({ ...state, dueAt, failures: 0, snoozes: state.snoozes + 1 });
        await recorder.record(tx, entries.reminderSnoozed({ incidentId, at: now, actorId: userId }, dueAt));
        return dueAt;
      });
    },

    state(incidentId: number): Promise<ReminderState | undefined> {
      return store.reminders.get(incidentId);
    },
  };
}
