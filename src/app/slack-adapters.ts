import { consoleUrlOf } from '../config/env';
import type { Service } from '../catalog/catalog.types';
import type { Incident } from '../incidents/incident.types';
import type { SimilarIncident } from '../similar/similar.service';
import type { NextEscalation } from '../escalations/escalation.port';
import { createSlackServiceTeams } from '../slack/adapters/service-teams';
import type * as AlertsPoster from '../slack/adapters/alerts-poster';
import { createSlackChecklistPort } from '../slack/adapters/checklist-port';
import { createSlackCommsClockPort } from '../slack/adapters/comms-clock-port';
import { createSlackConversation } from '../slack/adapters/conversation';
import { createDirectMessages } from '../slack/adapters/direct-messages';
import { createSlackEscalationNotifier } from '../slack/adapters/escalation-notifier';
import { createSlackFollowThroughPort } from '../slack/adapters/follow-through-port';
import { createSlackHandoffPort } from '../slack/adapters/handoff-port';
import { createSlackFollowPort } from '../slack/adapters/follow-port';
import { createSlackWeeklyDigestPort } from '../slack/adapters/weekly-digest-port';
import { createKeyedPosts } from '../slack/adapters/keyed-posts';
import { createSlackMaintenancePort } from '../slack/adapters/maintenance-port';
import { MembershipCache } from '../slack/adapters/membership-cache';
import { createPeopleDirectory } from '../slack/adapters/people-directory';
import { createSlackReminderNotifier } from '../slack/adapters/reminder-notifier';
import { createSlackRulesPort } from '../slack/adapters/rules-port';
import { createSlackTrackersPort } from '../slack/adapters/trackers-port';
import type { Foundation } from './foundation';

/**
 * The domain's ports, as Slack implements them. Each is built through `slackPort` (in its own
 * file), so a Slack failure reaches the domain as a neutral ChatError.
 */
export function buildSlackAdapters(
  { slack, policy, logger, clock, store, env }: Foundation,
  identity: { botUserId: string },
  nextEscalation: (incidentId: number) => Promise<NextEscalation | null>,
  /** An incident's affected services, which the pinned summary lists. */
  servicesOf: (incidentId: number) => Promise<Service[]> = async () => [],
  /** Resolved incidents like an open one that anyone may see, which the pinned summary lists. */
  similarTo: (incident: Incident) => Promise<SimilarIncident[]> = async () => [],
) {
  const { client, lookupClient, onceClient, channelsClient, repeat } = slack;
  // Reminder and escalation DMs, alert notices and maintenance posts carry metadata, so a retry or a replica taking one over finds it sent.
  const { postOnce, postNamedOnce } = createKeyedPosts({ client: onceClient, logger, repeat });
  const dms = createDirectMessages(client, postOnce, postNamedOnce);
  const membership = new MembershipCache(clock);
  // What Slack said about people, kept: a form naming someone seen recently asks Slack nothing first.
  const people = createPeopleDirectory({ client: lookupClient, store, clock });
  const conversation = createSlackConversation({
    client,
    onceClient,
    channelsClient,
    repeat,
    lookupClient,
    policy,
    botUserId: identity.botUserId,
    dms,
    logger,
    membership,
    people,
    // The pinned summary shows the next escalation and the affected services.
    nextEscalation,
    servicesOf,
    similarTo,
    ...(consoleUrlOf(env) ? { consoleUrl: consoleUrlOf(env) } : {}),
  });
  const serviceTeams = createSlackServiceTeams({ client, lookupClient, policy, postOnce });
  return {
    membership,
    people,
    conversation,
    reminderNotifier: createSlackReminderNotifier({ client, policy, dms, postOnce }),
    escalationNotifier: createSlackEscalationNotifier({
      client,
      policy,
      dms,
      refreshSummary: (incident) => conversation.refreshKickoff(incident),
      postOnce,
    }),
    // Required when alerts are wired (app/alerts.ts): a deployment without alert sources never loads it.
    alertsPoster: () =>
      (require('../slack/adapters/alerts-poster') as typeof AlertsPoster).createSlackAlertsPoster({
        client,
        postNamedOnce,
      }),
    followThroughPort: createSlackFollowThroughPort({ dms, policy, people, client }),
    commsClockPort: createSlackCommsClockPort({ policy, dms }),
    maintenancePort: createSlackMaintenancePort({ client, policy, postNamedOnce }),
    checklistPort: createSlackChecklistPort({ client, policy, postOnce }),
    serviceTeams,
    rulesPort: createSlackRulesPort({ conversation, serviceTeams, dms, postOnce }),
    trackersPort: createSlackTrackersPort({ client }),
    handoffPort: createSlackHandoffPort({ policy, dms, postNamedOnce }),
    followPort: createSlackFollowPort({ policy, dms }),
    weeklyDigestPort: createSlackWeeklyDigestPort({ policy, postNamedOnce }),
  };
}

export type SlackAdapters = ReturnType<typeof buildSlackAdapters>;
