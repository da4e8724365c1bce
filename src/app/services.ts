import { attachChecklist, planChecklists } from '../checklists/attach';
import { createChecklistMessages } from '../checklists/checklist-message';
import { createChecklistsService } from '../checklists/checklists.service';
import { refuseUnfinished } from '../checklists/resolve-check';
import { planEscalation } from '../escalations/escalation-clock';
import { createEscalationsService } from '../escalations/escalations.service';
import { createFollowupNudges } from '../followups/followup-nudges';
import { createFollowupsService } from '../followups/followups.service';
import { allOf } from '../incidents/after-change';
import { createIncidentsService } from '../incidents/incidents.service';
import { createKeyTimesService } from '../incidents/key-times.service';
import { createOverviewService } from '../incidents/overview.service';
import { createTimelineEdits } from '../incidents/timeline-edits';
import { createTimelineService } from '../incidents/timeline.service';
import { createChannelArchiving } from '../jobs/archive-channels';
import { createHandoffs } from '../handoffs/handoffs.service';
import { createCommanderBriefings } from '../handoffs/commander-briefings.service';
import { createHandoffNotes } from '../handoffs/handoff-notes';
import { nextEscalationOf } from '../escalations/next-escalation';
import { createFollowNotices } from '../follows/follow-notices';
import { createFollowsService } from '../follows/follows.service';
import { planFollows } from '../follows/plan-follows';
import { createWeeklyDigest } from '../digest/weekly-digest.service';
import { createOnCallService } from '../oncall/oncall.service';
import { createPeopleService } from '../people/people.service';
import { createFollowThrough, planPostmortem } from '../postmortem/follow-through';
import { createPostmortemService, joined } from '../postmortem/postmortem.service';
import { planReminders } from '../reminders/plan';
import { createRemindersService } from '../reminders/reminders.service';
import { slackText } from '../slack/text/slack-text';
import { channelUrl } from '../slack/blocks/reminder-messages';
import type { Incident } from '../incidents/incident.types';
import { createCommsClock, planCommsClock } from '../statuspage/comms-clock';
import { createMaintenance } from '../statuspage/maintenance';
import { createPublishing } from '../statuspage/publish';
import { createSimilarIncidents } from '../similar/similar.service';
import { createIncidentLinks } from '../incidents/links';
import { createRuleFirings } from '../rules/rule-firings';
import { planRules } from '../rules/plan-rules';
import { createTimedTriggers } from '../rules/timed-triggers';
import type { TimedJob } from '../timers/timed-job';
import { createPaging } from '../paging/paging.service';
import { trackerClients } from '../trackers/clients';
import { createTrackersService } from '../trackers/trackers.service';
import { composeAlerts } from './alerts';
import type { Foundation } from './foundation';
import type { SlackAdapters } from './slack-adapters';

/** The domain services, each given the store, the recorder and the ports it uses; nothing else. */
export function buildServices(f: Foundation, ports: SlackAdapters, install: string) {
  const { store, recorder, policy, clock, logger } = f;
  const { conversation } = ports;
  // Pages and issues link back to the incident's channel.
  const incidentLink = (incident: Incident) => (incident.channelId ? channelUrl(incident.channelId) : null);
  const background = (name: string) => (work: () => Promise<unknown>) =>
    void f.inFlight.run(work).catch((error: unknown) => logger.error({ err: error }, `${name} failed`));
  // Pages through PagerDuty from the ladder; follow-ups as tracker issues (both through the outbox).
  const paging = createPaging({
    store,
    recorder,
    policy,
    clock,
    logger,
    runner: f.runner,
    install,
    incidentLink,
    background: background('paging'),
  });
  const trackers = createTrackersService({
    store,
    recorder,
    policy,
    clock,
    logger,
    runner: f.runner,
    clients: trackerClients(policy.trackers),
    port: ports.trackersPort,
    incidentLink,
    install,
    background: background('tracker work'),
  });
  const oncall = createOnCallService({ rotations: policy.oncall, clock });
  // The checklist message is brought up to date right after a change commits, and by its job at
  // each tick for what that missed (a channel not made yet, Slack failing, a crash in between).
  const checklistMessages = createChecklistMessages(
    { store, logger: logger.child({ component: 'checklists' }) },
    ports.checklistPort,
  );
  const refreshChecklists = (incidentId: number) => {
    void f.inFlight
      .run(() => f.runner.runOne(checklistMessages.job, incidentId))
      .catch((error: unknown) => logger.warn({ err: error, incidentId }, 'checklist message refresh failed'));
  };
  // Set below: the rules' job, run soon after a change that fired a rule (not only at the next tick).
  let rulesJob: TimedJob | undefined;
  const runRulesSoon = () => {
    if (rulesJob) void f.inFlight.run(() => f.runner.run(rulesJob as TimedJob));
  };
  // A new commander is briefed right after the change commits, and by its job at a tick for what that missed.
  const commanderBriefings = createCommanderBriefings(
    { store, recorder, logger, nextEscalation: nextEscalationOf({ store, policy }) },
    ports.handoffPort,
  );
  const briefCommanderSoon = (id: number) =>
    background('commander briefing')(() => f.runner.runOne(commanderBriefings.job, id));
  // Followers' DMs go out right after the change that owes them commits (and at each tick for what that missed).
  const followNotices = createFollowNotices(
    { store, policy, logger, isMember: conversation.isMember },
    ports.followPort,
  );
  const tellFollowersSoon = () => background('follow notices')(() => f.runner.run(followNotices.job));
  const incidents = createIncidentsService({
    store,
    recorder,
    conversation,
    policy,
    clock,
    logger,
    // What follows from every change: the reminder cadence, the escalation clock, the postmortem's
    // steps, the status page's comms clock (only when the page is served), the teams' rules.
    afterChange: allOf(
      planReminders({ policy, recorder }),
      planEscalation({ policy }),
      planPostmortem({ policy }),
      planCommsClock({ policy, served: f.env.STATUS_PORT !== undefined }),
      planChecklists({ policy, recorder, attached: refreshChecklists }),
      planRules({ policy, wake: runRulesSoon }),
      paging.planPages,
      commanderBriefings.plan(briefCommanderSoon),
      planFollows({ policy, owed: tellFollowersSoon }),
    ),
    // A `refuse` checklist's required items left undone keep the incident open.
    beforeResolve: refuseUnfinished,
    serviceTeams: ports.serviceTeams,
    onCallPrimary: (rotation, at) => oncall.rotationAt(rotation, at)?.primary ?? null,
  });
  const authorize = (incidentId: number, userId: string) =>
    incidents.requireAccess(incidentId, userId, { need: 'change', open: true, confirmMembership: true });
  const escalations = createEscalationsService({
    store,
    recorder,
    notifier: ports.escalationNotifier,
    policy,
    clock,
    logger: logger.child({ component: 'escalations' }),
    onCall: (at, rotation) => (rotation ? oncall.rotationAt(rotation, at) : oncall.forIncidents(at)),
    authorize,
    paging,
  });
  const reminders = createRemindersService({
    store,
    recorder,
    notifier: ports.reminderNotifier,
    policy,
    clock,
    logger: logger.child({ component: 'reminders' }),
    climb: escalations.climb,
    authorize,
  });
  const alerts = composeAlerts({ ...f, incidents, port: ports.alertsPoster, oncall });
  const postmortem = createPostmortemService({ store, recorder, policy, clock, chat: slackText });
  const followThroughDeps = {
    store,
    recorder,
    policy,
    clock,
    logger: logger.child({ component: 'follow-through' }),
    isMember: conversation.isMember,
  };
  const followThrough = createFollowThrough(followThroughDeps, ports.followThroughPort, async (incidentId) =>
    joined(await postmortem.render(incidentId, 'md')),
  );
  // The status page's use-cases; whoever calls them (the Slack forms), the served page is told after each commit.
  const pageDeps = { store, recorder, policy, clock, changed: f.pageChanges.notify };
  const maintenanceLog = logger.child({ component: 'maintenance' });
  const statusPage = {
    ...createPublishing(pageDeps),
    // Its steps are told in the announcement channel right after each change (a tick, if that fails).
    maintenance: createMaintenance(
      {
        ...pageDeps,
        logger: maintenanceLog,
        served: f.env.STATUS_PORT !== undefined,
        runner: f.runner,
        background: (work) =>
          void f.inFlight
            .run(work)
            .catch((error: unknown) => maintenanceLog.error({ err: error }, 'maintenance post failed')),
      },
      ports.maintenancePort,
    ),
    commsClock: createCommsClock(
      { store, recorder, policy, logger: logger.child({ component: 'comms-clock' }) },
      ports.commsClockPort,
    ),
  };
  const checklists = {
    ...createChecklistsService({
      store,
      recorder,
      policy,
      clock,
      isMember: conversation.isMember,
      refreshSoon: refreshChecklists,
    }),
    job: checklistMessages.job,
  };
  const rules = {
    ...createRuleFirings({
      store,
      recorder,
      policy,
      clock,
      logger: logger.child({ component: 'rules' }),
      port: ports.rulesPort,
      chat: slackText,
      escalate: (incidentId, target, reason, key) => escalations.escalateForRule({ incidentId, target, reason }, key),
      onCallPrimary: (rotation, at) => oncall.rotationAt(rotation, at)?.primary ?? null,
      webhooksQueued: f.webhooks.deliverSoon,
      // A rule's `attach`: the list is attached as its condition would (at most once), and its message refreshed.
      attach: async (tx, incidentId, listId, at, rule) => {
        if (await attachChecklist({ policy, recorder }, tx, incidentId, listId, { at, actorId: null, rule }))
          tx.afterCommit(() => refreshChecklists(incidentId));
      },
    }),
    timed: createTimedTriggers({ store, policy, clock }),
  };
  rulesJob = rules.job;
  return {
    rules,
    statusPage,
    checklists,
    incidents,
    oncall,
    handoffs: createHandoffs({ store, rotations: policy.oncall, clock, logger }, ports.handoffPort),
    handoffNotes: createHandoffNotes({ store, rotations: policy.oncall, clock, logger }, ports.handoffPort),
    commanderBriefings,
    follows: {
      ...createFollowsService({ store, policy, clock, isMember: conversation.isMember }),
      job: followNotices.job,
    },
    weeklyDigest: createWeeklyDigest({ store, policy, clock, logger }, ports.weeklyDigestPort),
    escalations,
    reminders,
    alerts,
    postmortem,
    followThrough,
    followupNudges: createFollowupNudges(followThroughDeps, ports.followThroughPort),
    archiving: createChannelArchiving({ store, recorder, conversation, policy, clock, logger }),
    people: createPeopleService({ store, clock }),
    overview: createOverviewService({ store, conversation, policy, clock, logger }),
    similar: createSimilarIncidents({ store, policy, clock, isMember: conversation.isMember }),
    links: createIncidentLinks({ store, recorder, conversation, incidents, clock, logger }),
    timeline: createTimelineService({ store, recorder, clock, logger, chat: slackText }),
    followups: createFollowupsService({ store, recorder, clock, trackers }),
    trackers,
    paging,
    keyTimes: createKeyTimesService({ store, recorder, conversation, policy, clock, logger }),
    timelineEdits: createTimelineEdits({ store, recorder, conversation, policy, clock, logger, chat: slackText }),
  };
}

export type Services = ReturnType<typeof buildServices>;
