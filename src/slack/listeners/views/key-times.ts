import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { KEY_TIME_LABELS, KEY_TIMES, type KeyTimeValues } from '../../../incidents/key-times';
import { keyTimeField } from '../../blocks/key-times-modal';
import { formatZoned, parseZoned } from '../../text/form-times';
import type { ListenerDeps } from '../deps';
import { afterAck, tellUser } from '../shared/user-errors';
import { FormZone, IncidentMetadata, parseMetadata, readInputs } from '../shared/view-state';

const Metadata = IncidentMetadata.extend(FormZone.shape);

type Submitted = { initial_value?: string } | undefined;

/** What the form showed in a field; a field left as shown is no correction (it may hide seconds). */
function shownIn(view: ViewSubmitAction['view'], blockId: string): string | undefined {
  const block = view.blocks.find((b) => b.block_id === blockId) as { element?: Submitted } | undefined;
  return block?.element?.initial_value;
}

/**
 * The key-times form: every changed field is read in the zone the form was written in, then the
 * order is checked with the error under the field that breaks it, and only then does it close.
 */
export const onKeyTimesSubmitted =
  (deps: ListenerDeps) =>
  async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const metadata = parseMetadata(Metadata, view.private_metadata);
    if (!metadata) {
      await ack({ response_action: 'errors', errors: { [keyTimeField('impactStarted')]: 'Open the form again.' } });
      return;
    }
    const inputs = readInputs(view.state.values as Parameters<typeof readInputs>[0]);
    const given: Partial<KeyTimeValues> = {};
    const errors: Record<string, string> = {};
    for (const key of KEY_TIMES) {
      const field = keyTimeField(key);
      const text = (inputs[field] ?? '').trim();
      if (text === (shownIn(view, field) ?? '')) continue;
      if (!text) {
        given[key] = null;
        continue;
      }
      const at = parseZoned(text, metadata.tz);
      if (at === undefined)
        errors[field] = `Write the time as YYYY-MM-DD HH:MM, e.g. ${formatZoned(deps.clock.now(), metadata.tz)}.`;
      else given[key] = at;
    }
    if (Object.keys(errors).length === 0) {
      // A forged or stale form may name an incident that is not there: said under the first field.
      const problem = (await deps.incidents.get(metadata.incidentId))
        ? await deps.keyTimes.problem(metadata.incidentId, given)
        : { key: 'impactStarted' as const, message: 'That incident no longer exists.' };
      if (problem) errors[keyTimeField(problem.key)] = problem.message;
    }
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const target = { userId: body.user.id, channelId: metadata.channelId ?? null };
    await afterAck(
      async () => {
        const changed = await deps.keyTimes.correct({
          incidentId: metadata.incidentId,
          times: given,
          actorId: body.user.id,
        });
        const text =
          changed.length === 0
            ? 'No key time changed.'
            : `🕑 Corrected on the timeline of #${metadata.incidentId}: ${changed.map((k) => KEY_TIME_LABELS[k]).join(', ')}.`;
        await tellUser(client, target, text, deps.logger);
      },
      { client, logger: deps.logger, target },
    );
  };
