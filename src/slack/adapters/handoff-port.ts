import type { Policy } from '../../config/policy';
import type { HandoffPort } from '../../handoffs/handoffs.service';
import type { CommanderBriefingPort } from '../../handoffs/commander-briefings.service';
import { commanderBriefingMessage } from '../blocks/commander-briefing';
import { handoffBriefingMessage } from '../blocks/handoff-briefing';
import { handoffNotesPrompt } from '../blocks/handoff-notes';
import type { DirectMessages } from './direct-messages';
import type { PostNamedOnce } from './keyed-posts';
import { slackPort } from './slack-errors';

/**
 * Hand-off briefings: a DM to the incoming primary and a post in the rotation's hand-off channel,
 * each carrying metadata naming the hand-off, so a replica taking it over finds them sent; likewise
 * the outgoing primary's invitation to write notes, and a new commander's briefing.
 */
export function createSlackHandoffPort(deps: {
  policy: Policy;
  dms: DirectMessages;
  postNamedOnce: PostNamedOnce;
}): HandoffPort & CommanderBriefingPort {
  const { policy, dms, postNamedOnce } = deps;
  return slackPort<HandoffPort & CommanderBriefingPort>({
    async brief(briefing, channel, key) {
      const message = handoffBriefingMessage(briefing, policy);
      await dms.sendNamedOnce(briefing.incoming, message, { handoff: briefing.handoffId, step: 'dm' }, key.mayExist);
      if (channel)
        await postNamedOnce(channel, message, { handoff: briefing.handoffId, step: 'channel' }, key.mayExist);
    },
    async askForNotes(handoff, timezone, key) {
      if (!handoff.outgoing) return;
      const message = handoffNotesPrompt(handoff, timezone);
      await dms.sendNamedOnce(handoff.outgoing, message, { handoff: handoff.id, step: 'notes' }, key.mayExist);
    },
    async briefCommander(briefing, key) {
      const message = commanderBriefingMessage(briefing, policy);
      await dms.sendOnce(briefing.commanderId, message, {
        incidentId: briefing.incident.id,
        step: `commander-briefing-${briefing.briefingId}`,
        mayExist: key.mayExist,
      });
    },
  });
}
