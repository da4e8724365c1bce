import type { Incident } from '../../../incidents/incident.types';
import type { ModalView } from '../../blocks/kit';
import { resolveModal } from '../../blocks/update-modal';
import { updateFormFor } from '../shared/update-form';
import { openFormWhenAllowed } from '../shared/incident-form';
import { settle } from '../shared/within';
import type { Subcommand, SubcommandContext } from './subcommand';

/**
 * The dispatcher has already waited its budget for the check; a form waits no longer (the trigger
 * expires), except for a read of its own (`waitMs`), as `/incident times` does.
 */
const openForm = (
  ctx: SubcommandContext,
  build: (incident: Incident) => ModalView | Promise<ModalView>,
  waitMs = 0,
) => ({
  after: () =>
    openFormWhenAllowed(ctx.client, {
      triggerId: ctx.command.trigger_id,
      decided: settle((ctx.allowed as Promise<Incident>).then(build)),
      waitMs,
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
  // The incident's services are read before the form opens (a database read, well within 500 ms).
  handle: (ctx) => openForm(ctx, (incident) => updateFormFor(ctx.deps, incident), 500),
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
