import type { WebClient } from '@slack/web-api';
import type { Policy } from '../../config/policy';
import { componentsOf } from '../../statuspage/components';
import type { MaintenancePort } from '../../statuspage/maintenance-job';
import { maintenanceConfirmation, maintenanceStep } from '../blocks/maintenance-messages';
import type { PostNamedOnce } from './keyed-posts';
import { ignoreSlackErrors, slackPort } from './slack-errors';

/**
 * Maintenance windows in the announcement channel: one confirmation per window, posted once and
 * updated at every step, and a post for the start, the end and a cancellation. Every post's
 * metadata names the window and the step, so a retry or a replica taking over finds it made.
 */
export function createSlackMaintenancePort(deps: {
  client: WebClient;
  policy: Policy;
  postNamedOnce: PostNamedOnce;
}): MaintenancePort {
  const { client, policy, postNamedOnce } = deps;
  const words = {
    components: componentsOf(policy.services),
    timezone: policy.statusPage.timezone ?? policy.timezone,
  };
  return slackPort<MaintenancePort>({
    async tell(m, key) {
      const channel = m.notice?.channel ?? policy.announcementChannel;
      if (!channel) return null;
      const confirmation = maintenanceConfirmation(m, words);
      let notice = m.notice;
      if (notice) {
        await client.chat
          .update({ channel: notice.channel, ts: notice.ts, ...confirmation })
          // Deleted by someone: the step's own post still says what happened.
          .catch((error: unknown) => ignoreSlackErrors(error, 'message_not_found', 'cant_update_message'));
      } else {
        // Late (the window moved on before its confirmation went out): an attempt that failed after it may have posted it.
        const mayExist = key.mayExist || m.state !== 'scheduled';
        const ts = await postNamedOnce(
          channel,
          confirmation,
          { maintenance: m.publicId, step: 'confirmation' },
          mayExist,
        );
        notice = { channel, ts };
      }
      const step = maintenanceStep(m, words);
      if (step) await postNamedOnce(notice.channel, step, { maintenance: m.publicId, step: m.state }, key.mayExist);
      return notice;
    },
  });
}
