import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { FIELD } from '../../blocks/ids';
import { formatZoned, parseZoned } from '../../text/form-times';
import type { ListenerDeps } from '../deps';
import { afterAck, tellUser } from '../shared/user-errors';
import { parseMetadata, readInputs } from '../shared/view-state';

const Metadata = z.object({
  entryId: z.number().int().positive(),
  tz: z.string().min(1),
  channelId: z.string().nullable(),
});

/** The edit form: the time read in the reader's zone, errors under their fields, then the change. */
export const onEntryEdited =
  (deps: ListenerDeps) =>
  async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const metadata = parseMetadata(Metadata, view.private_metadata);
    const inputs = readInputs(view.state.values as Parameters<typeof readInputs>[0]);
    const errors: Record<string, string> = {};
    const at = metadata ? parseZoned(inputs[FIELD.entryTime] ?? '', metadata.tz) : undefined;
    if (at === undefined)
      errors[FIELD.entryTime] =
        `Write the time as YYYY-MM-DD HH:MM, e.g. ${formatZoned(deps.clock.now(), metadata?.tz ?? 'UTC')}.`;
    else if (at > deps.clock.now()) errors[FIELD.entryTime] = 'This time is in the future.';
    const text = FIELD.entryText in inputs ? (inputs[FIELD.entryText] ?? '').trim() : undefined;
    if (text === '') errors[FIELD.entryText] = 'The entry needs some text.';
    if (!metadata || Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const target = { userId: body.user.id, channelId: metadata.channelId };
    await afterAck(
      async () => {
        await deps.timelineEdits.edit({ entryId: metadata.entryId, actorId: body.user.id, at: at as number, text });
        await tellUser(client, target, '✏️ Timeline entry updated.', deps.logger);
      },
      { client, logger: deps.logger, target },
    );
  };
