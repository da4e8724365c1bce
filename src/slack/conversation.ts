import type { WebClient } from '@slack/web-api';
import type { Policy } from '../config/policy';
import type { ConversationPort } from '../incidents/conversation.port';
import { ChannelNameTakenError } from '../incidents/incidents.errors';
import type { Incident, StatusUpdate } from '../incidents/incident.types';
import { announcementMessage } from './blocks/announcement-message';
import { topicFor } from './blocks/incident-format';
import { kickoffMessage } from './blocks/kickoff-message';
import { mirroredUpdateMessage, statusUpdateMessage } from './blocks/status-update-message';
import { ignoreSlackErrors, slackErrorCode } from './slack-errors';

/** The domain's conversation port, implemented with the Slack Web API. */
export function createSlackConversation(deps: { client: WebClient; policy: Policy; botUserId: string }): ConversationPort {
  const { client, policy, botUserId } = deps;

  const channelOf = (incident: Incident): string => {
    if (!incident.channelId) throw new Error(`incident #${incident.id} has no channel yet`);
    return incident.channelId;
  };

  return {
    async createChannel(name) {
      try {
        const result = await client.conversations.create({ name, is_private: false });
        return { id: result.channel?.id as string, name: result.channel?.name ?? name };
      } catch (error) {
        if (slackErrorCode(error) === 'name_taken') throw new ChannelNameTakenError(name);
        throw error;
      }
    },

    async invite(channelId, userIds) {
      const users = userIds.filter((id) => id !== botUserId);
      if (users.length === 0) return;
      try {
        await client.conversations.invite({ channel: channelId, users: users.join(','), force: true });
      } catch (error) {
        ignoreSlackErrors(error, 'already_in_channel', 'cant_invite_self');
      }
    },

    async setTopic(incident) {
      await client.conversations.setTopic({ channel: channelOf(incident), topic: topicFor(incident, policy) });
    },

    async postKickoff(incident) {
      const result = await client.chat.postMessage({ channel: channelOf(incident), ...kickoffMessage(incident, policy) });
      return result.ts as string;
    },

    async refreshKickoff(incident) {
      if (!incident.kickoffTs) return;
      await client.chat.update({ channel: channelOf(incident), ts: incident.kickoffTs, ...kickoffMessage(incident, policy) });
    },

    async pin(channelId, ts) {
      try {
        await client.pins.add({ channel: channelId, timestamp: ts });
      } catch (error) {
        ignoreSlackErrors(error, 'already_pinned');
      }
    },

    async announce(incident) {
      if (!policy.announcementChannel) return null;
      const result = await client.chat.postMessage({
        channel: policy.announcementChannel,
        ...announcementMessage(incident, policy),
        unfurl_links: false,
      });
      return result.ts as string;
    },

    async refreshAnnouncement(incident) {
      if (!policy.announcementChannel || !incident.announcementTs) return;
      await client.chat.update({
        channel: policy.announcementChannel,
        ts: incident.announcementTs,
        ...announcementMessage(incident, policy),
      });
    },

    async postStatusUpdate(incident: Incident, update: StatusUpdate) {
      const result = await client.chat.postMessage({ channel: channelOf(incident), ...statusUpdateMessage(incident, update, policy) });
      return result.ts as string;
    },

    async mirrorStatusUpdate(incident, update) {
      if (!policy.announcementChannel) return null;
      const result = await client.chat.postMessage({
        channel: policy.announcementChannel,
        ...mirroredUpdateMessage(incident, update, policy),
      });
      return result.ts as string;
    },
  };
}
