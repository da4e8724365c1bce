import type { WebClient } from '@slack/web-api';
import type { AlertsPort } from '../../alerts/alerts.port';
import { alertNoticeMessage, alertResolvedNote } from './alert-messages';

/** The alerts domain's port, implemented with the Slack Web API. */
export function createSlackAlertsPoster({ client }: { client: WebClient }): AlertsPort {
  return {
    async notify(notice) {
      await client.chat.postMessage({ channel: notice.channelId, ...alertNoticeMessage(notice), unfurl_links: false });
    },
    async postResolvedNote(incident, note) {
      if (!incident.channelId) return;
      await client.chat.postMessage({
        channel: incident.channelId,
        ...alertResolvedNote(incident, note),
        unfurl_links: false,
      });
    },
  };
}
