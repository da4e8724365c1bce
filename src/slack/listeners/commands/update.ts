import type { Incident } from '../../../incidents/incident.types';
import type { ModalView } from '../../blocks/kit';
import { resolveModal, updateModal } from '../../blocks/update-modal';
import { openFormWhenAllowed } from '../shared/incident-form';
import { settle } from '../shared/within';
import type { Subcommand, SubcommandContext } from './subcommand';

/** The dispatcher has already waited its budget for the check; a form waits no longer (the trigger expires). */
const openForm = (ctx: SubcommandContext, build: (incident: Incident) => ModalView) => ({
  after: () =>
    openFormWhenAllowed(ctx.client, {
      triggerId: ctx.command.trigger_id,
      decided: settle((ctx.allowed as Promise<Incident>).then(build)),
      waitMs: 0,
      logger: ctx.deps.logger,
    }),
});

export const update: Subcommand = {
  name: 'update',
  usage: '/incident update',
  summary: 'Post a status update (Investigating, Identified, Mitigating, Monitoring)',
  inIncidentChannel: true,
  access: { need: 'change', open: true },
  opensForm: true,
  handle: (ctx) => openForm(ctx, updateModal),
};

export const resolve: Subcommand = {
  name: 'resolve',
  usage: '/incident resolve',
  summary: 'Resolve the incident with a summary and (optionally) its root cause',
  inIncidentChannel: true,
  access: { need: 'change', open: true },
  opensForm: true,
  handle: (ctx) => openForm(ctx, resolveModal),
};
