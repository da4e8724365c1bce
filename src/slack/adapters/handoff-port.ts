import type { Policy } from '../../config/policy';
import type { HandoffPort } from '../../handoffs/handoffs.service';
import { handoffBriefingMessage } from '../blocks/handoff-briefing';
import type { DirectMessages } from './direct-messages';
import type { PostNamedOnce } from './keyed-posts';
import { slackPort } from './slack-errors';

/**
 * Hand-off briefings: a DM to the incoming primary and a post in the rotation's hand-off channel,
 * each carrying metadata naming the hand-off, so a replica taking it over finds them sent.
 */
export function createSlackHandoffPort(deps: {
  policy: Policy;
  dms: DirectMessages;
  postNamedOnce: PostNamedOnce;
}): HandoffPort {
  const { policy, dms, postNamedOnce } = deps;
  return slackPort<HandoffPort>({
    async brief(briefing, channel, key) {
      const message = handoffBriefingMessage(briefing, policy);
      await dms.sendNamedOnce(briefing.incoming, message, { handoff: briefing.handoffId, step: 'dm' }, key.mayExist);
      if (channel)
        await postNamedOnce(channel, message, { handoff: briefing.handoffId, step: 'channel' }, key.mayExist);
    },
  });
}
