import type { WebClient } from '@slack/web-api';
import type { Policy } from '../../config/policy';
import type { FollowThroughPort } from '../../postmortem/follow-through';
import type { FollowupNudgePort } from '../../followups/followup-nudges';
import { followupNudgeMessage } from '../blocks/followup-nudge';
import { postmortemNudgeMessage } from '../blocks/postmortem-nudge';
import { slackDate } from '../blocks/text';
import type { DirectMessages } from './direct-messages';
import type { PeopleDirectory } from './people-directory';
import { readerZone } from './reader-zone';
import { slackPort } from './slack-errors';

/** The follow-through's chat side in Slack: zones as Slack said them (people-directory.ts), nudges by DM, the draft as a file; failures reach the domain as ChatErrors. */
export function createSlackFollowThroughPort(o: {
  client: WebClient;
  dms: DirectMessages;
  policy: Policy;
  people: PeopleDirectory;
}): FollowThroughPort & FollowupNudgePort {
  const { client, dms, policy, people } = o;
  return slackPort<FollowThroughPort & FollowupNudgePort>({
    async timeZoneOf(userId) {
      const tz = await readerZone(people, userId, '');
      return tz || null;
    },
    async nudgeStep(userId, { incident, step, dueAt }) {
      await dms.send(userId, postmortemNudgeMessage(incident, step, dueAt, policy.timezone));
    },
    async nudgeFollowup(ownerId, { incident, followup }) {
      await dms.send(ownerId, followupNudgeMessage(incident, followup, policy.timezone));
    },
    async sharePostmortem(incident, markdown, reportDueAt) {
      if (!incident.channelId) return null;
      const fileName = `postmortem-${incident.id}.md`;
      await client.files.uploadV2({
        channel_id: incident.channelId,
        filename: fileName,
        title: `Postmortem #${incident.id} (draft)`,
        content: markdown,
        initial_comment: `📄 A postmortem is required for #${incident.id}. Here is the draft to complete; the report is due ${slackDate(reportDueAt, policy.timezone)}.`,
      });
      return fileName;
    },
  });
}
