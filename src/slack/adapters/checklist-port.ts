import type { WebClient } from '@slack/web-api';
import type { ChecklistMessagePort } from '../../checklists/checklist-message';
import type { Policy } from '../../config/policy';
import type { PostKey } from '../../incidents/conversation.port';
import { checklistMessage } from '../blocks/checklist-message';
import type { SlackMessage } from '../blocks/kit';
import { slackErrorCode, slackPort } from './slack-errors';

/**
 * The checklist message as one post in the incident channel, carrying its key (so a replica taking
 * it over finds it posted), then kept current with chat.update. A message someone deleted is posted again.
 */
export function createSlackChecklistPort(deps: {
  client: WebClient;
  policy: Policy;
  postOnce: (channel: string, message: SlackMessage, key: PostKey) => Promise<string>;
}): ChecklistMessagePort {
  const { client, policy, postOnce } = deps;
  return slackPort<ChecklistMessagePort>({
    async show(incident, checklists, ts, key) {
      const channel = incident.channelId as string;
      const message = checklistMessage(incident, checklists, policy);
      if (ts) {
        try {
          await client.chat.update({ channel, ts, ...message });
          return ts;
        } catch (error) {
          if (slackErrorCode(error) !== 'message_not_found') throw error;
        }
      }
      return postOnce(channel, message, { incidentId: incident.id, ...key });
    },
  });
}
