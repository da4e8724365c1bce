import type { Policy } from '../../config/policy';
import type { CommsClockPort } from '../../statuspage/comms-clock';
import { publishReminder } from '../blocks/publish-reminder';
import type { DirectMessages } from './direct-messages';
import { slackPort } from './slack-errors';

/** The comms clock's reminder as a DM carrying its key, so a replica taking it over finds it sent. */
export function createSlackCommsClockPort({ policy, dms }: { policy: Policy; dms: DirectMessages }): CommsClockPort {
  return slackPort<CommsClockPort>({
    async remindToPublish(userId, incident, within, key) {
      await dms.sendOnce(userId, publishReminder(incident, within, policy), { incidentId: incident.id, ...key });
    },
  });
}
