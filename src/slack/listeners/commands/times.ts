import type { Incident } from '../../../incidents/incident.types';
import { openKeyTimesForm } from '../shared/key-times-form';
import type { Subcommand } from './subcommand';

export const times: Subcommand = {
  name: 'times',
  usage: '/incident times',
  summary: 'Correct the key times (impact started, detected, acknowledged, mitigated, resolved)',
  inIncidentChannel: true,
  access: { need: 'change' },
  opensForm: true,
  handle: (ctx) => ({
    // The dispatcher has already waited its budget for the check; the trigger waits no longer.
    after: () =>
      openKeyTimesForm(ctx.deps, ctx.client, {
        triggerId: ctx.command.trigger_id,
        userId: ctx.command.user_id,
        allowed: ctx.allowed as Promise<Incident>,
        waitMs: 0,
      }),
  }),
};
