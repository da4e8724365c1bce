import { oncallMessage } from '../../blocks/oncall-message';
import type { Subcommand } from './subcommand';

export const oncall: Subcommand = {
  name: 'oncall',
  usage: '/incident oncall',
  summary: 'Show who is on call (primary and secondary) and when the next hand-off is',
  inIncidentChannel: false,
  handle: ({ deps }) => {
    const message = oncallMessage(deps.oncall.all());
    return { reply: message.text, blocks: message.blocks };
  },
};
