import type { Policy } from '../../config/policy';
import { formatDuration } from '../../config/duration';
import type { FollowerNews, Following, Subscription } from '../../follows/follows.types';
import { wishText } from '../../follows/subscriptions';
import type { Incident } from '../../incidents/incident.types';
import { ACTION } from './ids';
import { channelLink, incidentRef, incidentRefPlain, severityLabel, statusLabel } from './incident-format';
import { actions, type Block, button, context, labelled, section, type SlackMessage } from './kit';
import { notificationText, slackDate } from './text';

/** The announcement's Follow button: a DM for each update and the resolution. */
export const followButton = (incident: Incident) => button('Follow', ACTION.follow, String(incident.id));

const unfollowButton = (incident: Incident) => button('Unfollow', ACTION.unfollow, String(incident.id));

const why = (subscription: Subscription | null) =>
  subscription ? ` because you subscribed to \`${wishText(subscription)}\`` : '';

/** The DM a follower gets: an update, the resolution (the last one), or that a subscription made them follow. */
export function followerNewsMessage(news: FollowerNews, policy: Policy): SlackMessage {
  const { incident } = news;
  if (news.kind === 'followed') {
    return {
      text: notificationText(`You now follow ${incidentRefPlain(incident)}`, 300),
      blocks: [
        section(
          `👀 You now follow *${incidentRef(incident)}*${why(news.subscription)}: ${severityLabel(policy, incident.severity)} · ${statusLabel(incident.status)} · ${channelLink(incident)}`,
        ),
        labelled('Impact', incident.impact),
        context('You will get a DM for each status update and one for the resolution.'),
        actions('follow_actions', unfollowButton(incident)),
      ],
    };
  }
  const { update } = news;
  if (update.status === 'resolved') {
    const duration = formatDuration((incident.resolvedAt ?? update.postedAt) - incident.declaredAt);
    const blocks: Block[] = [
      section(`✅ *${incidentRef(incident)}* is resolved after *${duration}*`),
      labelled('Resolution', update.summary),
    ];
    if (incident.rootCause) blocks.push(labelled('Root cause', incident.rootCause));
    blocks.push(context(`You followed it. That was the last DM about it · ${channelLink(incident)}`));
    return { text: notificationText(`${incidentRefPlain(incident)} is resolved after ${duration}`, 300), blocks };
  }
  const blocks: Block[] = [
    section(
      `📣 *${incidentRef(incident)}* · ${severityLabel(policy, incident.severity)} · *${statusLabel(update.status)}*`,
    ),
    labelled('What changed', update.summary),
  ];
  if (update.impact) blocks.push(labelled('Current impact', update.impact));
  if (update.nextSteps) blocks.push(labelled('Next steps', update.nextSteps));
  blocks.push(
    context(
      `Posted at ${slackDate(update.postedAt, policy.timezone, '{time}')} · You follow this incident · ${channelLink(incident)}`,
    ),
    actions('follow_actions', unfollowButton(incident)),
  );
  return {
    text: notificationText(
      `Update on ${incidentRefPlain(incident)}: ${statusLabel(update.status)} — ${update.summary}`,
      300,
    ),
    blocks,
  };
}

const SHOWN = 20;

/** `/incident subscriptions`: the person's subscriptions and follows, each with its Remove button. */
export function followingMessage(following: Following): SlackMessage {
  const { subscriptions, incidents } = following;
  if (subscriptions.length === 0 && incidents.length === 0)
    return {
      text: 'You follow nothing.',
      blocks: [
        section(
          'You follow nothing. Click *Follow* on an announcement, type `/incident follow` in an incident channel, or subscribe to future incidents with `/incident subscribe service:<id>` or `severity:<id>`.',
        ),
      ],
    };
  const blocks: Block[] = [];
  blocks.push(
    section(subscriptions.length === 0 ? '*Subscriptions:* none' : '*Subscriptions* (future incidents that match)'),
  );
  // A message holds at most 50 blocks: the rest are counted, not shown.
  for (const s of subscriptions.slice(0, SHOWN))
    blocks.push({
      type: 'section',
      block_id: `subscription_${s.id}`,
      text: { type: 'mrkdwn', text: `${s.id}. \`${wishText(s)}\`` },
      accessory: button('Remove', ACTION.unsubscribe, String(s.id)),
    });
  if (subscriptions.length > SHOWN) blocks.push(context(`…and ${subscriptions.length - SHOWN} more`));
  blocks.push(section(incidents.length === 0 ? '*Incidents you follow:* none open' : '*Incidents you follow*'));
  for (const { incident, subscriptionId } of incidents.slice(0, SHOWN))
    blocks.push({
      type: 'section',
      block_id: `followed_${incident.id}`,
      text: {
        type: 'mrkdwn',
        text: `${incidentRef(incident, 120)} · ${statusLabel(incident.status)}${subscriptionId ? ' · by subscription' : ''}`,
      },
      accessory: button('Unfollow', ACTION.unfollow, String(incident.id)),
    });
  if (incidents.length > SHOWN) blocks.push(context(`…and ${incidents.length - SHOWN} more`));
  return {
    text: `Subscriptions: ${subscriptions.length}; incidents you follow: ${incidents.length}`,
    blocks,
  };
}
