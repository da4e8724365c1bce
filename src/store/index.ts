/**
 * The store: repositories over one database, every method asynchronous, and transactions as
 * `store.transaction(async (tx) => …)`, where `tx` holds the same repositories bound to the
 * transaction. SQLite runs transactions one at a time on its one connection (serial.ts); on
 * PostgreSQL (postgres/) each is a real transaction on a connection of its own. Why the SQL is still
 * hand-written, and the rules for callers: README.md in this folder.
 */
import type { TimelineEntry } from '../timeline/timeline.types';
import { type AlertsRepository, createAlertsRepository } from './alerts.repository';
import type { Db } from './sqlite/db';
import { createEscalationTimersRepository, type EscalationTimersRepository } from './escalation-timers.repository';
import { createFollowupsRepository, type FollowupsRepository } from './followups.repository';
import { createIncidentsRepository, type IncidentsRepository } from './incidents.repository';
import { createLeasesRepository, type LeasesRepository } from './leases.repository';
import { createKeyTimesRepository, type KeyTimesRepository } from './key-times.repository';
import { createMetricsReadings, type MetricsReadingsRepository } from './metrics.repository';
import { createPendingCapturesRepository, type PendingCapturesRepository } from './pending-captures.repository';
import { createPeopleRepository, type PeopleRepository } from './people.repository';
import { createPostmortemFactsRepository, type PostmortemFactsRepository } from './postmortem-facts.repository';
import { createPostmortemStepsRepository, type PostmortemStepsRepository } from './postmortem-steps.repository';
import { createRemindersRepository, type RemindersRepository } from './reminders.repository';
import { createSerialGate, gated } from './sqlite/serial';
import { createStatusUpdatesRepository, type StatusUpdatesRepository } from './status-updates.repository';
import { createTimelineRepository, iterateTimeline, type TimelineRepository } from './timeline.repository';
import { createWebhookOutboxRepository, type WebhookOutboxRepository } from './webhook-outbox.repository';

export interface StoreRepositories {
  incidents: IncidentsRepository;
  statusUpdates: StatusUpdatesRepository;
  timeline: TimelineRepository & { iterate(incidentId: number): AsyncGenerator<TimelineEntry> };
  reminders: RemindersRepository;
  escalationTimers: EscalationTimersRepository;
  /** Leases on timed work, so replicas share it (leases.repository.ts). */
  leases: LeasesRepository;
  followups: FollowupsRepository;
  people: PeopleRepository;
  pendingCaptures: PendingCapturesRepository;
  alerts: AlertsRepository;
  metrics: MetricsReadingsRepository;
  webhookOutbox: WebhookOutboxRepository;
  keyTimes: KeyTimesRepository;
  postmortemFacts: PostmortemFactsRepository;
  postmortemSteps: PostmortemStepsRepository;
}

/** What a transaction's work is given: the repositories, bound to the transaction (and nested transactions). */
export interface Tx extends StoreRepositories {
  /**
   * Runs `work` as one transaction: all of it or none. Check-then-write belongs inside one, so that
   * two concurrent callers cannot both pass the check. Await only the store inside (no Slack).
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `then` once the outermost transaction this call is made in has committed, and never if it
   * rolls back (or the savepoint it was made in does); at once outside any transaction. For work
   * that must see the change, on another connection: waking the webhook sender, say.
   */
  afterCommit(then: () => void): void;
}

/** The store services are given, on either engine (src/store/engine.ts picks one). */
export type Store = Tx;

/** SQLite's store, which also holds its one connection (tests and the CLI read it). */
export interface SqliteStore extends Store {
  db: Db;
}

/**
 * What a service is given: the repositories it uses, by name, and the transaction helper; never
 * the raw connection. `Repositories<'incidents' | 'timeline'>` reads as the list it is; every one
 * can ask for work to run after the commit (`afterCommit`).
 */
export type Repositories<K extends keyof Store> = Pick<Store, K | 'afterCommit'>;

/** All repositories over one connection, plus transactions for multi-row writes and check-then-write. */
export function createStore(db: Db): SqliteStore {
  const gate = createSerialGate(db);
  const timeline = gated(gate, createTimelineRepository({ db }));
  const store: SqliteStore = {
    db,
    incidents: gated(gate, createIncidentsRepository({ db })),
    statusUpdates: gated(gate, createStatusUpdatesRepository({ db })),
    timeline: { ...timeline, iterate: (incidentId: number) => iterateTimeline(timeline, incidentId) },
    reminders: gated(gate, createRemindersRepository({ db })),
    escalationTimers: gated(gate, createEscalationTimersRepository({ db })),
    leases: gated(gate, createLeasesRepository({ db })),
    followups: gated(gate, createFollowupsRepository({ db })),
    people: gated(gate, createPeopleRepository({ db })),
    pendingCaptures: gated(gate, createPendingCapturesRepository({ db })),
    alerts: gated(gate, createAlertsRepository({ db })),
    metrics: gated(gate, createMetricsReadings({ db })),
    webhookOutbox: gated(gate, createWebhookOutboxRepository({ db })),
    keyTimes: gated(gate, createKeyTimesRepository({ db })),
    postmortemFacts: gated(gate, createPostmortemFactsRepository({ db })),
    postmortemSteps: gated(gate, createPostmortemStepsRepository({ db })),
    transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      return gate.transaction(() => work(store));
    },
    afterCommit: gate.afterCommit,
  };
  return store;
}
