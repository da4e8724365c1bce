import type { ConversationPort } from '../../incidents/conversation.port';
import type { RulesPort } from '../../rules/rules.port';
import type { ServiceTeamsPort } from '../../incidents/service-teams.port';
import { ruleGaveUpMessage, ruleMessage } from '../blocks/rule-messages';
import type { DirectMessages, PostOnce } from './direct-messages';
import { slackPort } from './slack-errors';

/**
 * Rules' actions with the Slack Web API. Their text is the rule's filled-in template, written as
 * mrkdwn here (the fields escaped, the commander a mention); posts and DMs carry the firing's key.
 */
export function createSlackRulesPort(deps: {
  conversation: Pick<ConversationPort, 'invite'>;
  serviceTeams: Pick<ServiceTeamsPort, 'groupMembers' | 'bookmark'>;
  dms: DirectMessages;
  postOnce: PostOnce;
}): RulesPort {
  const { conversation, serviceTeams, dms, postOnce } = deps;
  return slackPort<RulesPort>({
    async invite(channelId, users, usergroups) {
      const members = [...users];
      for (const group of usergroups) members.push(...(await serviceTeams.groupMembers(group)));
      await conversation.invite(channelId, [...new Set(members)]);
    },
    async post(incident, rule, text, key) {
      const message = { ...ruleMessage(incident, rule, text), unfurl_links: false };
      await postOnce(incident.channelId as string, message, { incidentId: incident.id, ...key });
    },
    async dm(userId, incident, rule, text, key) {
      await dms.sendOnce(userId, ruleMessage(incident, rule, text), { incidentId: incident.id, ...key });
    },
    // Not looked for first: bookmarks.list needs bookmarks:read, a scope Commander does not ask for;
    // a replica that died between adding one and recording it leaves a second of the same link.
    async bookmark(channelId, link) {
      await serviceTeams.bookmark(channelId, link);
    },
    async reportGaveUp(incident, rule, what, key) {
      const message = { ...ruleGaveUpMessage(rule, what), unfurl_links: false };
      await postOnce(incident.channelId as string, message, { incidentId: incident.id, ...key });
    },
  });
}
