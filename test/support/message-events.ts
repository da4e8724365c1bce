import type { Message } from './fake-slack';

/** Slack's event and interaction shapes for the user actions SlackUser plays; pure builders. */

const TEAM_ID = 'T0TEAM';
const nowTs = () => (Date.now() / 1000).toFixed(6);
const shape = (m: Message) => ({ type: 'message', user: m.user, text: m.text, ts: m.ts, team: TEAM_ID });
const channelType = (isPrivate: boolean) => (isPrivate ? 'group' : 'channel');

/** A `message` event of subtype message_changed: the message before and after the edit. */
export function messageChangedEvent(o: { before: Message; after: Message; editor: string; isPrivate: boolean }) {
  const ts = nowTs();
  return {
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    channel: o.after.channel,
    channel_type: channelType(o.isPrivate),
    message: { ...shape(o.after), edited: { user: o.editor, ts } },
    previous_message: shape(o.before),
    ts,
  };
}

/** A `message` event of subtype message_deleted. */
export function messageDeletedEvent(o: { deleted: Message; isPrivate: boolean }) {
  return {
    type: 'message',
    subtype: 'message_deleted',
    hidden: true,
    channel: o.deleted.channel,
    channel_type: channelType(o.isPrivate),
    deleted_ts: o.deleted.ts,
    previous_message: shape(o.deleted),
    ts: nowTs(),
  };
}

/** The Events API envelope around an event, as Slack posts it (and Socket Mode wraps it). */
export function eventCallback(event: Record<string, unknown>, o: { eventId: string; apiAppId: string }) {
  const now = Date.now() / 1000;
  return {
    token: 'deprecated-verification-token',
    team_id: TEAM_ID,
    api_app_id: o.apiAppId,
    event: { ...event, event_ts: now.toFixed(6) },
    type: 'event_callback',
    event_id: o.eventId,
    event_time: Math.floor(now),
    authorizations: [
      { enterprise_id: null, team_id: TEAM_ID, user_id: 'UBOTCOMMANDER', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}

/** The block and option of an overflow menu (a section's accessory) that offers `value`. */
export function findMenuOption(blocks: any[], actionId: string, value: string): { blockId: string; option: any } {
  const block = blocks.find(
    (b) => b.accessory?.action_id === actionId && b.accessory.options.some((o: any) => o.value === value),
  );
  if (!block) throw new Error(`no menu ${actionId} with ${value} in the message`);
  return { blockId: block.block_id, option: block.accessory.options.find((o: any) => o.value === value) };
}
