import { TITLE_MAX } from '../../blocks/declare-modal';
import { fromSlackText, truncate } from '../../blocks/text';
import { declareFormFor } from '../shared/declare-form';
import type { Subcommand } from './subcommand';

export const declare: Subcommand = {
  name: 'declare',
  usage: '/incident declare [title]',
  summary: 'Declare an incident: opens a form, then creates its channel and announces it',
  inIncidentChannel: false,
  handle: ({ args, command, client, deps }) => {
    const view = declareFormFor(deps, {
      userId: command.user_id,
      title: truncate(fromSlackText(args), TITLE_MAX),
      originChannelId: command.channel_id,
    });
    return { after: async () => void (await client.views.open({ trigger_id: command.trigger_id, view })) };
  },
};
