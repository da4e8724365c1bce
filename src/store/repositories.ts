import type { TimelineEntry } from '../timeline/timeline.types';
import { type AlertsRepository, createAlertsRepository } from './alerts.repository';
import { type ChecklistsRepository, createChecklistsRepository } from './checklists.repository';
import { type CommsClocksRepository, createCommsClocksRepository } from './comms-clocks.repository';
import { type ConsoleReadingsRepository, createConsoleReadings } from './console.repository';
import {
  type CommanderBriefingsRepository,
  createCommanderBriefingsRepository,
} from './commander-briefings.repository';
import { createEscalationTimersRepository, type EscalationTimersRepository } from './escalation-timers.repository';
import { createFollowupsRepository, type FollowupsRepository } from './followups.repository';
import { createHandoffsRepository, type HandoffsRepository } from './handoffs.repository';
import { createIncidentLinksRepository, type IncidentLinksRepository } from './incident-links.repository';
import { createIncidentSearchRepository, type IncidentSearchRepository } from './incident-search.repository';
import { createIncidentServicesRepository, type IncidentServicesRepository } from './incident-services.repository';
import { createIncidentsRepository, type IncidentsRepository } from './incidents.repository';
import { createLeasesRepository, type LeasesRepository } from './leases.repository';
import { createKeyTimesRepository, type KeyTimesRepository } from './key-times.repository';
import { createMetricsReadings, type MetricsReadingsRepository } from './metrics.repository';
import { createPendingCapturesRepository, type PendingCapturesRepository } from './pending-captures.repository';
import { createPeopleRepository, type PeopleRepository } from './people.repository';
import { createPostmortemFactsRepository, type PostmortemFactsRepository } from './postmortem-facts.repository';
import { createPostmortemStepsRepository, type PostmortemStepsRepository } from './postmortem-steps.repository';
import { createRuleFiringsRepository, type RuleFiringsRepository } from './rule-firings.repository';
import { createRemindersRepository, type RemindersRepository } from './reminders.repository';
import { createStatusPageRepository, type StatusPageRepository } from './status-page.repository';
import { createStatusUpdatesRepository, type StatusUpdatesRepository } from './status-updates.repository';
import { createTimelineRepository, iterateTimeline, type TimelineRepository } from './timeline.repository';
import { createWebhookOutboxRepository, type WebhookOutboxRepository } from './webhook-outbox.repository';
import { createWebSessionsRepository, type WebSessionsRepository } from './web-sessions.repository';

import { createTrackerIssuesRepository, type TrackerIssuesRepository } from './tracker-issues.repository';
import { createPagerEventsRepository, type PagerEventsRepository } from './pager-events.repository';
import { createFollowsRepository, type FollowsRepository } from './follows.repository';

import { createWeeklyDigestsRepository, type WeeklyDigestsRepository } from './weekly-digests.repository';

import type { Sql } from './sql';

export interface StoreRepositories {
  incidents: IncidentsRepository;
  /** The catalog services each incident hurts. */
  incidentServices: IncidentServicesRepository;
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
  /** Read-only queries of the web console: its incident list and insights. */
  console: ConsoleReadingsRepository;
  webhookOutbox: WebhookOutboxRepository;
  keyTimes: KeyTimesRepository;
  postmortemFacts: PostmortemFactsRepository;
  postmortemSteps: PostmortemStepsRepository;
  /** The public status page: what was published, maintenance windows, components' history. */
  statusPage: StatusPageRepository;
  /** When a public incident's first publication is due, for the publish reminder. */
  commsClocks: CommsClocksRepository;
  /** The web console's signed-in browsers and sign-ins under way (src/web/auth). */
  webSessions: WebSessionsRepository;
  /** Checklists attached to incidents, their items and the channel message showing them. */
  checklists: ChecklistsRepository;
  /** The full-text index over incidents, for similar past incidents (migration 0026). */
  incidentSearch: IncidentSearchRepository;
  /** Links between incidents: related, duplicate, parent. */
  incidentLinks: IncidentLinksRepository;
  /** Each firing of a team's rule, and how far its actions got (src/rules). */
  ruleFirings: RuleFiringsRepository;
  /** Follow-ups' issues in GitHub, Jira or Linear, as outbox work (src/trackers). */
  trackerIssues: TrackerIssuesRepository;
  /** PagerDuty events, as outbox work (src/paging). */
  pagerEvents: PagerEventsRepository;
  /** Changes of a rotation's primary, each briefed once (src/handoffs). */
  handoffs: HandoffsRepository;
  /** New commanders' briefings, each sent once (src/handoffs). */
  commanderBriefings: CommanderBriefingsRepository;
  /** Who follows which incident, standing subscriptions, and the DMs owed to followers (src/follows). */
  follows: FollowsRepository;
  /** Each week's digest in the announcement channel, posted once (src/digest). */
  weeklyDigests: WeeklyDigestsRepository;
}

/** Every repository over one driver (sql.ts): the same queries on SQLite and on PostgreSQL. */
export function createRepositories(q: Sql): StoreRepositories {
  const timeline = createTimelineRepository(q);
  return {
    incidents: createIncidentsRepository(q),
    incidentServices: createIncidentServicesRepository(q),
    statusUpdates: createStatusUpdatesRepository(q),
    timeline: { ...timeline, iterate: (incidentId: number) => iterateTimeline(timeline, incidentId) },
    reminders: createRemindersRepository(q),
    escalationTimers: createEscalationTimersRepository(q),
    leases: createLeasesRepository(q),
    followups: createFollowupsRepository(q),
    people: createPeopleRepository(q),
    pendingCaptures: createPendingCapturesRepository(q),
    alerts: createAlertsRepository(q),
    metrics: createMetricsReadings(q),
    console: createConsoleReadings(q),
    webhookOutbox: createWebhookOutboxRepository(q),
    keyTimes: createKeyTimesRepository(q),
    postmortemFacts: createPostmortemFactsRepository(q),
    postmortemSteps: createPostmortemStepsRepository(q),
    statusPage: createStatusPageRepository(q),
    commsClocks: createCommsClocksRepository(q),
    webSessions: createWebSessionsRepository(q),
    checklists: createChecklistsRepository(q),
    incidentSearch: createIncidentSearchRepository(q),
    incidentLinks: createIncidentLinksRepository(q),
    ruleFirings: createRuleFiringsRepository(q),
    trackerIssues: createTrackerIssuesRepository(q),
    pagerEvents: createPagerEventsRepository(q),
    handoffs: createHandoffsRepository(q),
    commanderBriefings: createCommanderBriefingsRepository(q),
    follows: createFollowsRepository(q),
    weeklyDigests: createWeeklyDigestsRepository(q),
  };
}
