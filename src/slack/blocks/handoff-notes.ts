import { NOTES_MAX, type NotesHandoff as Handoff } from '../../handoffs/handoff-notes';
import { ACTION, CALLBACK, FIELD } from './ids';
import { actions, button, context, modal, type ModalView, section, type SlackMessage, textInput } from './kit';
import { notificationText, plain, slackDate } from './text';

/** The DM an hour before a hand-off: the outgoing primary is asked for notes for the incoming one. */
export function handoffNotesPrompt(handoff: Handoff, timezone: string): SlackMessage {
  const when = slackDate(handoff.at, timezone);
  return {
    text: notificationText(
      `Your hand-off on ${plain(handoff.rotation, 40)} is in an hour: add notes for the next primary`,
    ),
    blocks: [
      section(
        `🔁 Your shift as primary on *${plain(handoff.rotation, 40)}* ends ${when}, when <@${handoff.incoming}> takes over. Anything they should know that Commander does not? Your notes go into their hand-off briefing.`,
      ),
      actions('handoff_notes', button('Add hand-off notes', ACTION.handoffNotes, String(handoff.id), 'primary')),
    ],
  };
}

/** The notes form, with what was written before (a second submission replaces it). */
export function handoffNotesModal(handoff: Handoff, timezone: string): ModalView {
  return modal({
    callbackId: CALLBACK.handoffNotes,
    title: 'Hand-off notes',
    submit: 'Save',
    metadata: { handoffId: handoff.id },
    blocks: [
      context(
        `For <@${handoff.incoming}>'s briefing when they take over ${plain(handoff.rotation, 40)}, ${slackDate(handoff.at, timezone)}.`,
      ),
      textInput(FIELD.handoffNotes, {
        label: 'Notes for the incoming primary',
        multiline: true,
        maxLength: NOTES_MAX,
        ...(handoff.notes ? { initial: handoff.notes } : {}),
        hint: 'Work under way, things to watch, anything not in an incident. Plain text.',
      }),
    ],
  });
}

/** Said to the outgoing primary once the briefing has gone: their notes would reach nobody through Commander. */
export const briefingGoneText = (handoff: Handoff): string =>
  `The hand-off briefing has already gone to <@${handoff.incoming}>, so notes written now would not reach them through Commander. Send them to <@${handoff.incoming}> directly.`;
