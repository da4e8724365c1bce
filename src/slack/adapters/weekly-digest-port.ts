import type { Policy } from '../../config/policy';
import type { WeeklyDigestPort } from '../../digest/weekly-digest.service';
import { weeklyDigestMessage } from '../blocks/weekly-digest';
import type { PostNamedOnce } from './keyed-posts';
import { slackPort } from './slack-errors';

/** The weekly digest: one post whose metadata names the week's digest, so a replica taking it over finds it posted. */
export function createSlackWeeklyDigestPort(deps: { policy: Policy; postNamedOnce: PostNamedOnce }): WeeklyDigestPort {
  const { policy, postNamedOnce } = deps;
  return slackPort<WeeklyDigestPort>({
    async post(digest, channel, key) {
      await postNamedOnce(
        channel,
        weeklyDigestMessage(digest, policy),
        { weekly_digest: digest.digestId },
        key.mayExist,
      );
    },
  });
}
