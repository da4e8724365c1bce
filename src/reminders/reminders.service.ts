import { errorCode, isTransient } from '../chat-error';
import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import { findSeverity } from '../config/policy';
import { requireOpenIncident } from '../incidents/lookup';
import type { Incident } from '../incidents/incident.types';
import type { Logger } from '../logger';
import type { Repositories } from '../store';
import { entries } from '../timeline/entries';
import { IncidentError } from '../incidents/incidents.errors';
import { afterSending, climbsNow, retryDelay } from './due';
import type { ReminderNotifier } from './reminder.port';
import type { ReminderNotice, ReminderState } from './reminder.types';

export interface RemindersDeps {
  store: Repositories<'incidents' | 'reminders' | 'timeline' | 'transaction'>;
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

export function createRemindersService({ store, notifier, policy, clock, logger, climb, authorize }: RemindersDeps) {
  let ticking: Promise<number> | null = null;

  const severityOf = (incident: Incident) => findSeverity(policy, incident.severity);

  /** Claims a due reminder before sending it (at most once, also across overlapping ticks). */
  function claim(incidentId: number, now: number) {
    return store.transaction(async (tx) => {
      const state = await tx.reminders.get(incidentId);
      if (!state || state.dueAt === null || state.dueAt > now) return null;
      const incident = await tx.incidents.get(incidentId);
      if (!incident || incident.resolvedAt !== null || !incident.channelId) {
        await tx.reminders.save({
          ...state,
          dueAt:
            incident && !incident.channelId && incident.resolvedAt === null ? now + policy.reminders.repeatAfter : null,
        });
        return null;
      }
      const escalation = climbsNow(state, severityOf(incident)?.escalateAfterMissed ?? null);
      const next: ReminderState = {
        ...afterSending(state, now, policy),
        ...(escalation ? { escalatedAt: now, escalationLevel: state.escalationLevel + 1 } : {}),
      };
      await tx.reminders.save(next);
      return { incident, previous: state, next, escalation };
    });
  }

  /** Saves `change(current)` only if nobody (an update, a snooze) changed the state since the claim. */
  function amendClaim(claimed: ReminderState, change: (s: ReminderState) => ReminderState): Promise<void> {
    return store.transaction(async (tx) => {
      const current = await tx.reminders.get(claimed.incidentId);
      if (
        current &&
        current.lastSentAt === claimed.lastSentAt &&
        current.missed === claimed.missed &&
        current.dueAt === claimed.dueAt
      ) {
        await tx.reminders.save(change(current));
      }
    });
  }

  async function send(incidentId: number, now: number): Promise<boolean> {
    const claimed = await claim(incidentId, now);
    if (!claimed) return false;
    const { incident, previous, next, escalation } = claimed;
    const log = logger.child({ incidentId, reminder: next.missed });
    const at = { incidentId, at: now };
    const notice: ReminderNotice = {
      sinceLastUpdate: now - (incident.lastUpdateAt ?? incident.declaredAt),
      updateEvery: severityOf(incident)?.updateEvery ?? 0,
      reminderNumber: next.missed,
      snoozeFor: policy.reminders.snoozeFor,
      snoozesLeft: Math.max(0, policy.reminders.maxSnoozes - next.snoozes),
    };
    try {
      await notifier.remindCommander(incident, notice);
      await store.timeline.append(
        entries.reminderSent(at, {
          to: incident.commanderId,
          reminder: next.missed,
          sinceLastUpdate: notice.sinceLastUpdate,
          dueAt: previous.dueAt,
        }),
      );
      log.info('reminder sent');
    } catch (error) {
      const code = errorCode(error);
      if (isTransient(error)) {
        const failures = previous.failures + 1;
        await amendClaim(next, () => ({ ...previous, dueAt: now + retryDelay(failures), failures, lastError: code }));
        log.warn({ code, failures }, 'reminder send failed, will retry');
        return false;
      }
      // A refusal that will not pass is recorded once; the streak goes on so escalation still happens.
      await amendClaim(next, (s) => ({ ...s, lastError: code }));
      await store.timeline.append(entries.reminderFailed(at, { to: incident.commanderId, code }));
      log.error({ code }, 'reminder could not be delivered');
    }
    if (next.missed === 1) {
      await notifier
        .postOverdueNote(incident, notice)
        .catch((error) => log.warn({ code: errorCode(error) }, 'overdue note failed'));
    }
    if (escalation && climb) await climb(incident.id, next.missed - 1);
    return true;
  }

  async function runTick(): Promise<number> {
    const now = clock.now();
    let sent = 0;
    for (const id of await store.reminders.dueIds(now, BATCH)) {
      try {
        if (await send(id, now)) sent++;
      } catch (error) {
        logger.error({ err: error, incidentId: id }, 'reminder tick failed for an incident');
      }
    }
    return sent;
  }

  return {
    /** Sends what is due now. Overlapping calls share one run, so nothing is sent twice. */
    tick(): Promise<number> {
      if (ticking) return ticking;
      ticking = runTick().finally(() => {
        ticking = null;
      });
      return ticking;
    },

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
        await tx.timeline.append(entries.reminderSnoozed({ incidentId, at: now, actorId: userId }, dueAt));
        return dueAt;
      });
    },

    state(incidentId: number): Promise<ReminderState | undefined> {
      return store.reminders.get(incidentId);
    },
  };
}
