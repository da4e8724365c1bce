import { z } from 'zod';
import type { ListenerDeps } from '../deps';
import { afterButtonAck } from '../shared/button';

/** A window's public id, as the confirmation's buttons carry it. */
const PublicId = z.string().regex(/^[a-z0-9]{6,32}$/);

/**
 * Cancel and End now on a maintenance confirmation: only admins, and only once. A second click or
 * a redelivery finds the window moved on and is told so privately; the confirmation is updated by
 * the window's timed job after the commit, saying what happened and by whom.
 */
export function answerMaintenanceButton(deps: ListenerDeps, wanted: 'cancel' | 'end') {
  return afterButtonAck(deps, async ({ body, action }) => {
    const parsed = PublicId.safeParse(action.value);
    if (!parsed.success) return;
    const { maintenance } = deps.statusPage;
    if (wanted === 'cancel') await maintenance.cancel(parsed.data, body.user.id);
    else await maintenance.endEarly(parsed.data, body.user.id);
  });
}
