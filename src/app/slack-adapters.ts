import type { Service } from '../catalog/catalog.types';
import type { NextEscalation } from '../escalations/escalation.port';
import { createSlackServiceTeams } from '../slack/adapters/service-teams';
import type * as AlertsPoster from '../slack/adapters/alerts-poster';
import { createSlackCommsClockPort } from '../slack/adapters/comms-clock-port';
import { createSlackConversation } from '../slack/adapters/conversation';
import { createDirectMessages } from '../slack/adapters/direct-messages';
import { createSlackEscalationNotifier } from '../slack/adapters/escalation-notifier';
import { createSlackFollowThroughPort } from '../slack/adapters/follow-through-port';
import { createKeyedPosts } from '../slack/adapters/keyed-posts';
import { MembershipCache } from '../slack/adapters/membership-cache';
import { createSlackReminderNotifier } from '../slack/adapters/reminder-notifier';
import { createSlackRulesPort } from '../slack/adapters/rules-port';
import type { Foundation } from './foundation';

/**
 * The domain's ports, as Slack implements them. Each is built through `slackPort` (in its own
 * file), so a Slack failure reaches the domain as a neutral ChatError.
 */
export function buildSlackAdapters(
  { slack, policy, logger, clock }: Foundation,
  identity: { botUserId: string },
  nextEscalation: (incidentId: number) => Promise<NextEscalation | null>,
  /** An incident's affected services, which the pinned summary lists. */
  servicesOf: (incidentId: number) => Promise<Service[]> = async () => [],
) {
  const { client, lookupClient, onceClient, channelsClient, repeat } = slack;
  // Reminder and escalation DMs and alert notices carry metadata, so a retry or a replica taking one over finds it sent.
  const { postOnce, postNamedOnce } = createKeyedPosts({ client: onceClient, logger, repeat });
  const dms = createDirectMessages(client, postOnce);
  const membership = new MembershipCache(clock);
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
    // The pinned summary shows the next escalation and the affected services.
    nextEscalation,
    servicesOf,
  });
  const serviceTeams = createSlackServiceTeams({ client, lookupClient, policy, postOnce });
  return {
    membership,
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
    followThroughPort: createSlackFollowThroughPort({ client, dms, policy }),
    commsClockPort: createSlackCommsClockPort({ policy, dms }),
    serviceTeams,
    rulesPort: createSlackRulesPort({ conversation, serviceTeams, dms, postOnce }),
  };
}

export type SlackAdapters = ReturnType<typeof buildSlackAdapters>;
