import type { WebClient } from '@slack/web-api';
import type { TrackersPort } from '../../trackers/trackers.service';
import { trackerRefusal } from '../blocks/tracker-messages';
import { slackPort } from './slack-errors';

/** Trackers' refusals, said in the incident's channel. */
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
  });
}
