import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { NOTES_MAX } from '../../../handoffs/handoff-notes';
import { briefingGoneText } from '../../blocks/handoff-notes';
import { FIELD } from '../../blocks/ids';
import { slackDate } from '../../blocks/text';
import type { ListenerDeps } from '../deps';
import { afterAck, tellUser } from '../shared/user-errors';
import { IncidentId, parseInputs, parseMetadata, requiredText } from '../shared/view-state';

const Metadata = z.object({ handoffId: IncidentId });

const NotesInput = z.object({
  [FIELD.handoffNotes]: requiredText('Write a note for the incoming primary, or close the form.').pipe(
    z.string().max(NOTES_MAX, `Keep the notes under ${NOTES_MAX} characters; link to a document for more.`),
  ),
});

/**
 * The hand-off notes form: kept for the briefing (a second submission, or Slack's retry, replaces
 * them); once the briefing has gone, the form stays open saying so, the notes still in it to copy.
 */
export const onHandoffNotesSubmitted =
  (deps: ListenerDeps) =>
  async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const field = FIELD.handoffNotes;
    const metadata = parseMetadata(Metadata, view.private_metadata);
    if (!metadata) {
      await ack({ response_action: 'errors', errors: { [field]: 'Open the form again from the hand-off message.' } });
      return;
    }
    const parsed = parseInputs(NotesInput, view.state.values as Parameters<typeof parseInputs>[1]);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const saved = await deps.handoffNotes.save(metadata.handoffId, body.user.id, parsed.data[field]);
    if (saved.state !== 'open') {
      const error =
        saved.state === 'briefed'
          ? briefingGoneText(saved.handoff).replace(/<@(\w+)>/g, 'the incoming primary')
          : 'Only the outgoing primary writes these notes.';
      await ack({ response_action: 'errors', errors: { [field]: error } });
      return;
    }
    await ack();
    const target = { userId: body.user.id };
    const { handoff, timezone } = saved;
    await afterAck(
      () =>
        tellUser(
          client,
          target,
          `📝 Saved: your notes go into <@${handoff.incoming}>'s hand-off briefing ${slackDate(handoff.at, timezone)}. Open the form again to change them until then.`,
          deps.logger,
        ),
      { client, logger: deps.logger, target },
    );
  };
