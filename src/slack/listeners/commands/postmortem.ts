import { joined } from '../../../postmortem/postmortem.service';
import { checkedIncident, type Subcommand } from './subcommand';

export const postmortem: Subcommand = {
  name: 'postmortem',
  usage: '/incident postmortem',
  summary: 'Upload the postmortem document (a draft while the incident is open)',
  inIncidentChannel: true,
  access: { need: 'see' },
  handle: (ctx) => {
    const { command, client, deps } = ctx;
    const incident = checkedIncident(ctx);
    const draft = incident.resolvedAt === null;
    return {
      reply: `Building the ${draft ? 'draft ' : ''}postmortem of #${incident.id}…`,
      after: async () => {
        const markdown = await joined(await deps.postmortem.render(incident.id, 'md', command.user_id));
        const fileName = `postmortem-${incident.id}${draft ? '-draft' : ''}.md`;
        await client.files.uploadV2({
          channel_id: incident.channelId as string,
          filename: fileName,
          title: `Postmortem #${incident.id}${draft ? ' (draft)' : ''}`,
          content: markdown,
          initial_comment: `${draft ? '📝 Draft postmortem' : '📄 Postmortem'} of #${incident.id}, requested by <@${command.user_id}>.${draft ? ' It will be final once the incident is resolved.' : ''}`,
        });
        await deps.postmortem.recordShared(incident.id, { draft, fileName, by: command.user_id });
      },
    };
  },
};
