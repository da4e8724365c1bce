import type { Incident } from '../../../incidents/incident.types';
import { openFormWhenAllowed } from '../shared/incident-form';
import { type IncidentFormBuilder, publishForm, resolveForm, updateForm } from '../shared/publish-forms';
import { settle } from '../shared/within';
import type { Subcommand, SubcommandContext } from './subcommand';

/**
 * The dispatcher has already waited its budget for the check; a form waits no longer (the trigger
 * expires), except for a read of its own (`waitMs`), as `/incident times` does.
 */
export const openForm = (ctx: SubcommandContext, build: IncidentFormBuilder, waitMs = 0) => ({
  after: () =>
    openFormWhenAllowed(ctx.client, {
      triggerId: ctx.command.trigger_id,
      decided: settle((ctx.allowed as Promise<Incident>).then((incident) => build(incident, ctx.command.user_id))),
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
  // The incident's services and the status page's draft are read before the form opens (database reads, well within 500 ms).
  handle: (ctx) => openForm(ctx, updateForm(ctx.deps), 500),
};

export const resolve: Subcommand = {
  name: 'resolve',
  usage: '/incident resolve',
  summary: 'Resolve the incident with a summary and (optionally) its root cause',
  inIncidentChannel: true,
  access: { need: 'change', open: true },
  opensForm: true,
  handle: (ctx) => openForm(ctx, resolveForm(ctx.deps)),
};

export const statuspage: Subcommand = {
  name: 'statuspage',
  usage: '/incident statuspage',
  summary: 'Publish an update to the public status page (commander, comms role or admin)',
  inIncidentChannel: true,
  access: { need: 'change' },
  opensForm: true,
  handle: (ctx) => openForm(ctx, publishForm(ctx.deps)),
};
