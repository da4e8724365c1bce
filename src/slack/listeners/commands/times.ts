import type { Incident } from '../../../incidents/incident.types';
import { openKeyTimesForm } from '../shared/key-times-form';
import type { Subcommand } from './subcommand';

const ZONE_WAIT_MS = 500;

export const times: Subcommand = {
  name: 'times',
  usage: '/incident times',
  summary: 'Correct the key times (impact started, detected, acknowledged, mitigated, resolved)',
  inIncidentChannel: true,
  access: { need: 'change' },
  opensForm: true,
  handle: (ctx) => ({
    // The check is done (the dispatcher waited for it); the zone lookup gets half a second before
    // a neutral form takes the trigger, which Slack keeps for 3 s.
    after: () =>
      openKeyTimesForm(ctx.deps, ctx.client, {
        triggerId: ctx.command.trigger_id,
        userId: ctx.command.user_id,
        allowed: ctx.allowed as Promise<Incident>,
        waitMs: ZONE_WAIT_MS,
      }),
  }),
};
