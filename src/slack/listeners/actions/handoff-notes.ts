import { briefingGoneText, handoffNotesModal } from '../../blocks/handoff-notes';
import type { ListenerDeps } from '../deps';
import { afterButtonAck } from '../shared/button';
import { tellUser } from '../shared/user-errors';
import { IncidentId } from '../shared/view-state';

/**
 * Add hand-off notes, on the DM an hour before a hand-off: the form, with what was written before;
 * once the briefing has gone, a sentence saying so instead (the trigger is then left unused).
 */
export function openHandoffNotes(deps: ListenerDeps) {
  return afterButtonAck(deps, async ({ body, action, client, respond }) => {
    const target = { userId: body.user.id, channelId: body.channel?.id, respond };
    const id = IncidentId.safeParse(action.value);
    const notes = id.success ? await deps.handoffNotes.state(id.data, body.user.id) : { state: 'unknown' as const };
    if (notes.state === 'open') {
      await client.views.open({ trigger_id: body.trigger_id, view: handoffNotesModal(notes.handoff, notes.timezone) });
      return;
    }
    const text =
      notes.state === 'briefed'
        ? briefingGoneText(notes.handoff)
        : notes.state === 'not_yours'
          ? `Only <@${notes.handoff.outgoing}>, the outgoing primary, writes this hand-off's notes.`
          : 'That hand-off is not known to Commander.';
    await tellUser(client, target, text, deps.logger);
  });
}
