import type { WebClient } from '@slack/web-api';
import type { TrackersPort } from '../../trackers/trackers.service';
import { trackerRefusal } from '../blocks/tracker-messages';
import { slackErrorCode, slackPort } from './slack-errors';

/** Trackers' refusals, said in the incident's channel; owners' e-mail addresses, from their Slack profiles. */
export function createSlackTrackersPort({ client }: { client: WebClient }): TrackersPort {
  return slackPort<TrackersPort>({
    async tellRefused(incident, followup, refusal) {
      if (!incident.channelId) return;
      await client.chat.postMessage({
        channel: incident.channelId,
        ...trackerRefusal(followup, refusal),
        unfurl_links: false,
      });
    },
    // profile.email comes with the users:read.email scope only; without it the issue is not assigned.
    async emailOf(userId) {
      try {
        const { user } = await client.users.info({ user: userId });
        if (user?.deleted || user?.is_bot) return null;
        return user?.profile?.email ?? null;
      } catch (error) {
        if (slackErrorCode(error) === 'user_not_found') return null;
        throw error;
      }
    },
  });
}
