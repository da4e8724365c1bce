import { declareModal, TITLE_MAX } from '../../blocks/declare-modal';
import { fromSlackText, truncate } from '../../blocks/text';
import type { Subcommand } from './subcommand';

export const declare: Subcommand = {
  name: 'declare',
  usage: '/incident declare [title]',
  summary: 'Declare an incident: opens a form, then creates its channel and announces it',
  inIncidentChannel: false,
  handle: ({ args, command, client, deps }) => ({
    after: async () => {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: declareModal({
          policy: deps.policy,
          title: truncate(fromSlackText(args), TITLE_MAX),
          commanderId: command.user_id,
          originChannelId: command.channel_id,
        }),
      });
    },
  }),
};
