import { followingMessage } from '../../blocks/follow-messages';
import { incidentRef } from '../../blocks/incident-format';
import type { ListenerDeps } from '../deps';
import { afterButtonAck, type ButtonArgs } from '../shared/button';
import { IncidentId } from '../shared/view-state';

/** Where a button was clicked: on a message only the clicker sees (a command's reply) or one everyone sees. */
const onEphemeral = (body: ButtonArgs['body']) =>
  (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral;

/**
 * Follow, on an announcement: answered to the clicker alone, the announcement left as it is. A
 * second click, or the same click delivered again, finds the follow made and says so.
 */
export function followFromButton(deps: ListenerDeps) {
  return afterButtonAck(deps, async ({ body, action, respond }) => {
    const id = IncidentId.safeParse(action.value);
    if (!id.success) return;
    const { incident, created } = await deps.follows.follow(id.data, body.user.id);
    const text = created
      ? `👀 You follow ${incidentRef(incident)}: a DM for each status update and one for the resolution. \`/incident subscriptions\` lists what you follow.`
      : `You already follow ${incidentRef(incident)}.`;
    await respond({ response_type: 'ephemeral', replace_original: false, text });
  });
}

/** Unfollow, on a follower's DM or in `/incident subscriptions` (whose list is then shown again). */
export function unfollowFromButton(deps: ListenerDeps) {
  return afterButtonAck(deps, async ({ body, action, respond }) => {
    const id = IncidentId.safeParse(action.value);
    if (!id.success) return;
    const { incident, stopped } = await deps.follows.unfollow(id.data, body.user.id);
    if (onEphemeral(body)) return showAgain(deps, body.user.id, respond);
    const text = stopped
      ? `You no longer follow ${incidentRef(incident)}.`
      : `You were not following ${incidentRef(incident)}.`;
    await respond({ response_type: 'ephemeral', replace_original: false, text });
  });
}

/** Remove, next to a subscription in `/incident subscriptions`: the list is shown again without it. */
export function unsubscribeFromButton(deps: ListenerDeps) {
  return afterButtonAck(deps, async ({ body, action, respond }) => {
    const id = IncidentId.safeParse(action.value);
    if (!id.success) return;
    await deps.follows.unsubscribe(body.user.id, id.data);
    await showAgain(deps, body.user.id, respond);
  });
}

async function showAgain(deps: ListenerDeps, userId: string, respond: ButtonArgs['respond']): Promise<void> {
  const message = followingMessage(await deps.follows.following(userId));
  await respond({ response_type: 'ephemeral', replace_original: true, ...message });
}
