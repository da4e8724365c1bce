import { z } from 'zod';
import type { ListenerDeps } from '../deps';
import { afterButtonAck } from '../shared/button';

/** What a Done or Undo button carries (blocks/checklist-message.ts: tickValue). */
const TickValue = z.object({ item: z.number().int().positive(), done: z.boolean() });

const parseValue = (value: string | undefined) => {
  try {
    return TickValue.safeParse(JSON.parse(value ?? ''));
  } catch {
    return TickValue.safeParse(undefined);
  }
};

/**
 * Done and Undo on the checklist message: the item is ticked (or unticked) by whoever clicked, if
 * they may change the incident; the message itself is brought up to date by the checklists' job.
 * The value says what the click asks for, so a redelivered click changes nothing twice.
 */
export const tickChecklistItem = (deps: ListenerDeps) =>
  afterButtonAck(deps, async ({ action, body }) => {
    const value = parseValue(action.value);
    if (!value.success) return;
    await deps.checklists.tick({ itemId: value.data.item, userId: body.user.id, done: value.data.done });
  });
