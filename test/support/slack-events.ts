import type { Harness } from './harness';
import { SIGNING_SECRET } from './harness';
import { postSigned } from './signed-request';
import { API_APP_ID, TEAM } from './slack-user';

let sent = 0;

/**
 * Someone joins or leaves a channel in the fake workspace, and Slack tells the app with a
 * member_joined_channel / member_left_channel event (signed, to the real receiver), as it does for
 * channels the app is in.
 */
export async function memberChanges(h: Harness, change: { channel: string; user: string; joined: boolean }): Promise<void> {
  const channel = h.fake.channel(change.channel);
  if (!channel) throw new Error(`fake Slack has no channel ${change.channel}`);
  if (change.joined) channel.members.add(change.user);
  else channel.members.delete(change.user);
  const eventId = `EvM${String(++sent).padStart(9, '0')}`;
  const now = Date.now() / 1000;
  const body = JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: TEAM.id,
    api_app_id: API_APP_ID,
    event: {
      type: change.joined ? 'member_joined_channel' : 'member_left_channel',
      user: change.user,
      channel: change.channel,
      channel_type: channel.is_private ? 'G' : 'C',
      team: TEAM.id,
      event_ts: now.toFixed(6),
    },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(now),
    authorizations: [{ enterprise_id: null, team_id: TEAM.id, user_id: 'UBOTCOMMANDER', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
  const response = await postSigned(h.eventsUrl, body, SIGNING_SECRET, { contentType: 'application/json' });
  if (response.status !== 200) throw new Error(`the app answered the event with HTTP ${response.status}`);
  await h.commander.idle();
}
