import { errorCode } from '../errors/chat-error';
import type { Clock } from '../clock';
import { findSeverity, type Policy } from '../config/policy';
import { IncidentError } from '../incidents/incidents.errors';
import type { Incident } from '../incidents/incident.types';
import { requireOpenIncident } from '../incidents/lookup';
import type { ClaimedItem, TimedJob } from '../timers/timed-job';
import type { Logger } from '../logger';
import type { Repositories, Tx } from '../store';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import type { NewTimelineEntry } from '../timeline/timeline.types';
import { beingCalledIn, fireNextLevel, levelRow } from './climb';
import { briefingOf, escalatedData } from './briefing';
import type { Briefing, EscalationNotifier } from './escalation.port';
import { nextEscalationOf } from './next-escalation';
import { type Contacts, contactsOf, hasContacts, type LadderLevel, ladderOf, servicesFor, unlessHolds } from './ladder';
import type { OnCallLookup, WorkKey } from '../reminders/reminder.port';
import type { EscalationTimer, EscalationTrigger } from './timer.types';

export interface EscalationsDeps {
  store: Repositories<
    'incidents' | 'incidentServices' | 'statusUpdates' | 'timeline' | 'escalationTimers' | 'leases' | 'transaction'
  >;
  recorder: Recorder;
  notifier: EscalationNotifier;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  onCall?: OnCallLookup;
  /** Throws the refusal unless the person may change this open incident (escalating changes it). */
  authorize: (incidentId: number, userId: string) => Promise<unknown>;
  /**
   * Pages through PagerDuty when a level that says so is reached (src/paging): on the clock, by
   * missed updates or by `/incident escalate`; its trigger is queued once per level whichever comes first.
   */
  paging?: {
    pages(incident: Incident, level: LadderLevel): boolean;
    trigger(tx: Tx, incident: Incident, level: LadderLevel, at: number): Promise<void>;
  };
}

/** Whom `/incident escalate` calls in: the next level, a level by number, or a person. */
export type EscalateTarget = { next: true } | { level: number } | { userId: string };

type CallIn = { incident: Incident; level: LadderLevel | null; contacts: Contacts; briefing: Briefing };
/** What reaching a level (or calling a person) did: called people in, paged through PagerDuty, or both. */
type Reached = CallIn & { paged: boolean };
type Work =
  | ({ kind: 'level' } & CallIn)
  | { kind: 'ack_request' | 'ack_overdue' | 'comms'; incident: Incident; within: number };

const BATCH = 200;

export type EscalationsService = ReturnType<typeof createEscalationsService>;

/** The escalation clock: acknowledgement, the ladder's levels on time, by missed updates and by hand, the comms timer. */
export function createEscalationsService(deps: EscalationsDeps) {
  const { store, recorder, notifier, policy, clock, logger, onCall, authorize, paging } = deps;
  const pages = (incident: Incident, level: LadderLevel) => paging?.pages(incident, level) ?? false;
  /** Queues the level's page (in the transaction that reached it) when it pages; whether it does. */
  const page = async (tx: Tx, incident: Incident, level: LadderLevel, now: number) => {
    if (!paging || !pages(incident, level)) return false;
    await paging.trigger(tx, incident, level, now);
    return true;
  };
  /** The people of a reached level, called in; a level that only pages calls nobody in. */
  const callInReached = async (work: Reached, now: number, key?: WorkKey) => {
    if (work.level && !hasContacts(work.contacts)) return;
    await recorder.record(store, await callIn(work, now, key));
  };

  /** Read through the caller's `tx` inside a transaction. */
  const briefing = async (
    tx: Repositories<'statusUpdates'>,
    incident: Incident,
    level: LadderLevel | null,
    trigger: EscalationTrigger,
    now: number,
    extra = {},
  ) => briefingOf(incident, await tx.statusUpdates.latest(incident.id), level, trigger, now, extra);

  /**
   * Decides, for a timer this process has leased, what to tell whom. A timer no longer needed is
   * settled here (cancelled, skipped) and its lease given back; one to fire stays pending until
   * complete() marks it fired after the Slack work, so a replica dying in between loses nothing.
   */
  function decide(timer: EscalationTimer, item: ClaimedItem): Promise<Work | null> {
    const { now } = item;
    return store.transaction(async (tx): Promise<Work | null> => {
      if (!(await item.holds(tx))) return null;
      const incident = await tx.incidents.get(timer.incidentId);
      const letGo = async (): Promise<null> => {
        await item.release(tx);
        return null;
      };
      const finish = async (state: 'cancelled' | 'skipped') => {
        await letGo();
        return tx.escalationTimers.finish(timer.id, state, now, state === 'cancelled' ? null : 'time');
      };
      const cancel = async (): Promise<null> => {
        await finish('cancelled');
        return null;
      };
      if (!incident || incident.resolvedAt !== null) return cancel();
      // Until the channel exists there is nowhere to invite anyone to; a later tick tries again.
      if (!incident.channelId) return letGo();
      const at = { incidentId: incident.id, at: now };
      const within = (key: 'acknowledgeWithin' | 'commsWithin') => findSeverity(policy, incident.severity)?.[key] ?? 0;
      switch (timer.kind) {
        case 'level': {
          const level = ladderOf(policy, incident.severity).find((l) => l.number === timer.level);
          if (!level || unlessHolds(incident, level.unless)) return cancel();
          const services = await servicesFor(tx, policy, incident.id, level.notify);
          const contacts = contactsOf(level.notify, incident, onCall, now, policy.drills, services);
          const paged = await page(tx, incident, level, now);
          if (!hasContacts(contacts)) {
            // Paged only: PagerDuty's event is queued, and its entry is recorded once it is sent.
            if (paged) {
              await letGo();
              await tx.escalationTimers.finish(timer.id, 'fired', now, 'time');
              return null;
            }
            if (await finish('skipped'))
              await recorder.record(tx, entries.escalated(at, escalatedData(level, contacts, 'time', 0, '')));
            return null;
          }
          return {
            kind: 'level',
            incident,
            level,
            contacts,
            briefing: await briefing(tx, incident, level, 'time', now),
          };
        }
        case 'ack_request':
        case 'ack_overdue':
          if (incident.commanderId !== timer.userId) return cancel();
          return { kind: timer.kind, incident, within: within('acknowledgeWithin') };
        case 'comms':
          if (incident.roles.comms !== undefined) return cancel();
          return { kind: 'comms', incident, within: within('commsWithin') };
      }
    });
  }

  /** After the Slack work: fired, and its timeline entries, if this process still held the lease. */
  async function complete(timer: EscalationTimer, work: Work, item: ClaimedItem, called: NewTimelineEntry | null) {
    const { now } = item;
    const done = await item.complete(async (tx) => {
      if (!(await tx.escalationTimers.finish(timer.id, 'fired', now, 'time'))) return false;
      const at = { incidentId: work.incident.id, at: now };
      if (called) await recorder.record(tx, called);
      if (work.kind === 'ack_overdue')
        await recorder.record(
          tx,
          entries.acknowledgementOverdue(at, { commanderId: work.incident.commanderId, within: work.within }),
        );
      if (work.kind === 'comms')
        await recorder.record(
          tx,
          entries.commsReminder(at, { commanderId: work.incident.commanderId, within: work.within }),
        );
      return true;
    });
    return done.held && done.value;
  }

  /** Calls people in: the note, the invitation, the briefing DMs; returns the timeline entry saying so (or that it failed). */
  async function callIn(
    { incident, level, contacts, briefing: brief }: CallIn,
    now: number,
    key?: WorkKey,
  ): Promise<NewTimelineEntry> {
    const at = { incidentId: incident.id, at: now, actorId: brief.actorId };
    const log = logger.child({ incidentId: incident.id, level: level?.number ?? null, trigger: brief.trigger });
    try {
      await notifier.callIn(incident, contacts, brief, key);
      log.info({ contacts: contacts.users.length + (contacts.usergroup ? 1 : 0) }, 'incident escalated');
      return entries.escalated(at, escalatedData(level, contacts, brief.trigger, brief.missed, brief.reason));
    } catch (error) {
      log.error({ code: errorCode(error) }, 'escalation failed');
      return entries.escalationFailed(at, { level: level?.name ?? 'person', code: errorCode(error) });
    }
  }

  /** The Slack work of a timer; a level's call-in comes back as its timeline entry. */
  async function perform(work: Work, now: number, key: WorkKey): Promise<NewTimelineEntry | null> {
    const log = logger.child({ incidentId: work.incident.id, timer: work.kind });
    const quietly = (promise: Promise<void>) =>
      promise.catch((error: unknown) => log.warn({ code: errorCode(error) }, 'escalation clock message failed'));
    switch (work.kind) {
      case 'level':
        return callIn(work, now, key);
      case 'ack_request':
        await quietly(notifier.askToAcknowledge(work.incident, null, key));
        return null;
      case 'ack_overdue':
        await quietly(notifier.askToAcknowledge(work.incident, { within: work.within }, key));
        await quietly(notifier.postAcknowledgementOverdue(work.incident, work.within, key));
        return null;
      case 'comms':
        await quietly(notifier.remindComms(work.incident, work.within, key));
        return null;
    }
  }

  /** One leased timer: decide, do the Slack work, complete. */
  async function fire(item: ClaimedItem): Promise<boolean> {
    const { now, takenOver } = item;
    const timer = await store.escalationTimers.get(item.id);
    if (!timer) return false;
    const work = await decide(timer, item);
    if (!work) return false;
    const called = await perform(work, now, { step: `escalation-${timer.id}`, mayExist: takenOver });
    if (!(await complete(timer, work, item, called))) {
      logger.warn(
        { incidentId: timer.incidentId, timer: timer.id },
        'escalation timer lease lost before it was recorded',
      );
      return false;
    }
    if (work.kind === 'level')
      await notifier
        .refreshSummary(work.incident)
        .catch((error: unknown) => logger.warn({ code: errorCode(error) }, 'escalation clock message failed'));
    return true;
  }

  /**
   * The escalation clock's timers whose time has come: acknowledgement, ladder levels on time, the
   * comms timer. Leased in due order, so levels that fell due while Commander was down fire once
   * each, lowest first; another replica's tick leases other timers.
   */
  const job: TimedJob = { name: 'escalations', kind: 'escalationTimer', batch: BATCH, work: fire };

  return {
    job,

    /** A streak of unanswered reminders climbs one level (see reminders.service.ts). */
    async climb(incidentId: number, missed: number): Promise<boolean> {
      const now = clock.now();
      const work = await store.transaction(async (tx): Promise<Reached | null> => {
        const incident = await tx.incidents.get(incidentId);
        if (!incident || incident.resolvedAt !== null) return null;
        const next = await fireNextLevel({ store: tx, policy, onCall, pages }, incident, now, 'missed_updates');
        if (!next) return null;
        return {
          ...next,
          incident,
          paged: await page(tx, incident, next.level, now),
          briefing: await briefing(tx, incident, next.level, 'missed_updates', now, { missed }),
        };
      });
      if (!work) return false;
      await callInReached(work, now);
      return true;
    },

    /** `/incident escalate`: the next level not yet fired (which then counts as fired), a level, or a person. */
    async escalate(input: { incidentId: number; actorId: string; target: EscalateTarget; reason: string }) {
      await authorize(input.incidentId, input.actorId);
      return escalateAs(input);
    },

    /**
     * A rule's `escalate` (src/rules): as `/incident escalate` by nobody in particular, with the
     * firing's key on its messages so a replica taking the firing over finds them sent.
     */
    async escalateForRule(input: { incidentId: number; target: EscalateTarget; reason: string }, key: WorkKey) {
      return escalateAs({ ...input, actorId: null }, key);
    },

    /** The next level on the clock and when it fires; null when none is pending. */
    next: nextEscalationOf({ store, policy }),
  };

  async function escalateAs(
    input: { incidentId: number; actorId: string | null; target: EscalateTarget; reason: string },
    key?: WorkKey,
  ) {
    const now = clock.now();
    const extra = { actorId: input.actorId, reason: input.reason };
    const work = await store.transaction(async (tx): Promise<Reached> => {
      const incident = await requireOpenIncident(tx, input.incidentId);
      const ladder = ladderOf(policy, incident.severity);
      const { target } = input;
      if ('userId' in target) {
        const contacts = { users: [target.userId], usergroup: null, onCallBackup: false };
        return {
          incident,
          level: null,
          contacts,
          paged: false,
          briefing: await briefing(tx, incident, null, 'manual', now, extra),
        };
      }
      if ('level' in target) {
        const level = ladder.find((l) => l.number === target.level);
        if (!level) throw noSuchLevel(incident, ladder, target.level);
        const services = await servicesFor(tx, policy, incident.id, level.notify);
        const contacts = contactsOf(level.notify, incident, onCall, now, policy.drills, services);
        if (!hasContacts(contacts) && !pages(incident, level))
          throw new IncidentError('invalid_input', `Level ${level.number} (${level.name}) has nobody to call in.`);
        const row = await levelRow(tx, incident, level);
        if (await beingCalledIn(tx, row, now))
          throw new IncidentError(
            'invalid_input',
            `Level ${level.number} (${level.name}) is being called in right now, on the ladder's clock.`,
          );
        await tx.escalationTimers.fireLevel(row.id, now, 'manual');
        const paged = await page(tx, incident, level, now);
        return {
          incident,
          level,
          contacts,
          paged,
          briefing: await briefing(tx, incident, level, 'manual', now, extra),
        };
      }
      const next = await fireNextLevel({ store: tx, policy, onCall, pages }, incident, now, 'manual');
      if (!next)
        throw new IncidentError(
          'invalid_input',
          `Every level of the ${incident.severity} ladder with someone to call in has been called in. Name a person instead.`,
        );
      return {
        incident,
        ...next,
        paged: await page(tx, incident, next.level, now),
        briefing: await briefing(tx, incident, next.level, 'manual', now, extra),
      };
    });
    await callInReached(work, now, key);
    await notifier.refreshSummary(work.incident).catch(() => undefined);
    return { level: work.level, contacts: work.contacts, paged: work.paged };
  }
}

function noSuchLevel(incident: Incident, ladder: LadderLevel[], wanted: number): IncidentError {
  const levels = ladder.map((l) => `${l.number} (${l.name})`).join(', ');
  return new IncidentError(
    'invalid_input',
    ladder.length === 0
      ? `${incident.severity} has no escalation ladder. Name a person instead.`
      : `${incident.severity} has no level ${wanted}. Its levels: ${levels}.`,
  );
}
