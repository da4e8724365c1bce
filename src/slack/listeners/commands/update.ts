import { resolveModal, updateModal } from '../../blocks/update-modal';
import { IncidentError } from '../../../incidents/incidents.errors';
import { openGuardedForm } from '../guarded-form';
import type { Subcommand, SubcommandContext } from './subcommand';

function openIncidentHere({ command, deps }: SubcommandContext) {
  const incident = deps.incidents.requireByChannel(command.channel_id);
  if (incident.resolvedAt !== null) {
    throw new IncidentError('incident_resolved', `Incident #${incident.id} is already resolved.`);
  }
  return incident;
}

export const update: Subcommand = {
  name: 'update',
  usage: '/incident update',
  summary: 'Post a status update (Investigating, Identified, Mitigating, Monitoring)',
  inIncidentChannel: true,
  handle: (ctx) => {
    const incident = openIncidentHere(ctx);
    return { after: async () => void (await ctx.client.views.open({ trigger_id: ctx.command.trigger_id, view: updateModal(incident) })) };
  },
};

export const resolve: Subcommand = {
  name: 'resolve',
  usage: '/incident resolve',
  summary: 'Resolve the incident with a summary and (optionally) its root cause',
  inIncidentChannel: true,
  handle: (ctx) => {
    const incident = openIncidentHere(ctx);
    return {
      after: () =>
        openGuardedForm(ctx.client, {
          triggerId: ctx.command.trigger_id,
          view: resolveModal(incident),
          check: () => ctx.deps.incidents.authorize(incident, ctx.command.user_id),
          logger: ctx.deps.logger,
        }),
    };
  },
};
