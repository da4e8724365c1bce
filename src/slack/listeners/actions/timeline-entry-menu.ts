import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { entryEditModal } from '../../blocks/entry-edit-modal';
import { TIMELINE_SHOWN, timelineMessage } from '../../blocks/timeline-view';
import { readerZone } from '../../adapters/reader-zone';
import type { ListenerDeps } from '../deps';
import { afterAck, tellUser } from '../shared/user-errors';

/** The overflow menu's choice: what to do, and to which entry. */
const Choice = z.object({
  selected_option: z.object({ value: z.string().regex(/^(edit|remove):\d+$/) }),
});

/**
 * Edit or Remove from an entry's menu in `/incident timeline`. Edit opens the form (the trigger
 * needs it within 3 s, so the check and the zone lookup run together); Remove marks the entry
 * removed and shows the timeline again without it.
 */
export function timelineEntryMenu(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const target = { userId: body.user.id, channelId: body.channel?.id, respond };
    const parsed = Choice.safeParse(action);
    if (!parsed.success) return;
    const [what, id] = parsed.data.selected_option.value.split(':') as [string, string];
    const entryId = Number(id);
    await afterAck(
      async () => {
        if (what === 'edit') {
          const zone = readerZone(deps.peopleDirectory, body.user.id, deps.policy.timezone);
          const entry = await deps.timelineEdits.entryFor(entryId, body.user.id);
          await client.views.open({
            trigger_id: body.trigger_id,
            view: entryEditModal(entry, await zone, body.channel?.id ?? null),
          });
          return;
        }
        const removed = await deps.timelineEdits.remove({ entryId, actorId: body.user.id });
        const incident = await deps.incidents.get(removed.incidentId);
        if (!incident) return;
        const { entries, more } = await deps.timeline.recent(incident.id, TIMELINE_SHOWN);
        // Every known name, read once: the blocks are built synchronously.
        const known = await deps.people.names();
        const names = (userId: string) => known.get(userId);
        const message = timelineMessage({ incident, entries, more, policy: deps.policy, names, canChange: true });
        await respond({ replace_original: true, text: message.text, blocks: message.blocks });
        await tellUser(
          client,
          { ...target, respond: undefined },
          '🗑️ Entry removed. The postmortem leaves it out.',
          deps.logger,
        );
      },
      { client, logger: deps.logger, target },
    );
  };
}
