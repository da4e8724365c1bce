import { readerZone } from '../../adapters/reader-zone';
import { TITLE_MAX } from '../../blocks/declare-modal';
import { recordModal } from '../../blocks/record-modal';
import { fromSlackText, truncate } from '../../blocks/text';
import { within } from '../shared/within';
import type { Subcommand } from './subcommand';

/** How long the reader's zone may take before the form opens in the policy's (Slack keeps the trigger 3 s). */
const ZONE_WAIT_MS = 500;

export const record: Subcommand = {
  name: 'record',
  usage: '/incident record [title]',
  summary: 'Record an incident that already ended: its times, a summary, a channel if you want one; nobody is reminded',
  inIncidentChannel: false,
  handle: ({ args, command, client, deps }) => ({
    after: async () => {
      const tz =
        (await within(ZONE_WAIT_MS, readerZone(deps.peopleDirectory, command.user_id, deps.policy.timezone))) ??
        deps.policy.timezone;
      const view = recordModal(deps.policy, {
        title: truncate(fromSlackText(args), TITLE_MAX),
        tz,
        now: deps.clock.now(),
      });
      await client.views.open({ trigger_id: command.trigger_id, view });
    },
  }),
};
