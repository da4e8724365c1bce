import type { WebClient } from '@slack/web-api';
import type { AlertsPort } from '../../alerts/alerts.port';
import type { PostNamedOnce } from './keyed-posts';
import { slackPort } from './slack-errors';
import { alertNoticeMessage, alertResolvedNote } from '../blocks/alert-messages';

/** The alerts domain's port, implemented with the Slack Web API; failures reach the domain as ChatErrors. */
export function createSlackAlertsPoster({
  client,
  postNamedOnce,
}: {
  client: WebClient;
  /** Keyed posts (keyed-posts.ts): a notice names its row, so a retry finds a post whose answer was lost. */
  postNamedOnce: PostNamedOnce;
}): AlertsPort {
  return slackPort<AlertsPort>({
    async notify(notice, key) {
      await postNamedOnce(
        notice.channelId,
        { ...alertNoticeMessage(notice), unfurl_links: false },
        { alert_notice: key.noticeId },
        key.mayExist,
      );
    },
    async postResolvedNote(incident, note) {
      if (!incident.channelId) return;
      await client.chat.postMessage({
        channel: incident.channelId,
        ...alertResolvedNote(incident, note),
        unfurl_links: false,
      });
    },
  });
}
