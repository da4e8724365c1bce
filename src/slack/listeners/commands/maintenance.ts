import { readerZone } from '../../adapters/reader-zone';
import { maintenanceModal } from '../../blocks/maintenance-modal';
import { within } from '../shared/within';
import type { Subcommand } from './subcommand';

/** How long the reader's zone may take before the form opens in the policy's (Slack keeps the trigger 3 s). */
const ZONE_WAIT_MS = 500;

export const NO_ANNOUNCEMENT_CHANNEL =
  'Maintenance is announced in the announcement channel, with its Cancel and End now buttons, and the policy has none (`announcementChannel`).';

export const maintenance: Subcommand = {
  name: 'maintenance',
  usage: '/incident maintenance',
  summary:
    'Schedule maintenance on the public status page: its components show as under maintenance from start to end (admins)',
  inIncidentChannel: false,
  handle: ({ command, client, deps }) => {
    const refused = deps.statusPage.maintenance.refusal(command.user_id);
    if (refused) return { reply: refused.message };
    if (!deps.policy.announcementChannel) return { reply: NO_ANNOUNCEMENT_CHANNEL };
    return {
      after: async () => {
        const tz =
          (await within(ZONE_WAIT_MS, readerZone(deps.peopleDirectory, command.user_id, deps.policy.timezone))) ??
          deps.policy.timezone;
        const view = maintenanceModal({
          components: deps.statusPage.maintenance.components(),
          tz,
          now: deps.clock.now(),
        });
        await client.views.open({ trigger_id: command.trigger_id, view });
      },
    };
  },
};
