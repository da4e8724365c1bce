import type { WebClient } from '@slack/web-api';
import type { Policy } from '../../config/policy';
import type { ServiceTeamsPort } from '../../incidents/service-teams.port';
import { serviceTeamMessage } from '../blocks/service-messages';
import type { createKeyedPosts } from './keyed-posts';
import { slackPort } from './slack-errors';

/** The service teams port with the Slack Web API: user groups, team channel posts, bookmarks. */
export function createSlackServiceTeams(deps: {
  client: WebClient;
  lookupClient: WebClient;
  policy: Policy;
  postOnce: ReturnType<typeof createKeyedPosts>['postOnce'];
}): ServiceTeamsPort {
  const { client, lookupClient, policy, postOnce } = deps;
  return slackPort<ServiceTeamsPort>({
    async groupMembers(usergroupId) {
      const result = await lookupClient.usergroups.users.list({ usergroup: usergroupId });
      return result.users ?? [];
    },
    async tellTeam(incident, service, key) {
      if (!service.channel) return;
      await postOnce(service.channel, { ...serviceTeamMessage(incident, service, policy), unfurl_links: false }, key);
    },
    async bookmark(channelId, link) {
      await client.bookmarks.add({ channel_id: channelId, title: link.title, type: 'link', link: link.url });
    },
  });
}
