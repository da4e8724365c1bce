import type { Policy } from '../../config/policy';
import type { FollowPort } from '../../follows/follow-notices';
import { followerNewsMessage } from '../blocks/follow-messages';
import type { DirectMessages } from './direct-messages';
import { slackPort } from './slack-errors';

/** Followers' DMs, each carrying its key (incident and step), so a replica taking one over finds it sent. */
export function createSlackFollowPort({ policy, dms }: { policy: Policy; dms: DirectMessages }): FollowPort {
  return slackPort<FollowPort>({
    async tell(news, key) {
      await dms.sendOnce(news.userId, followerNewsMessage(news, policy), key);
    },
  });
}
