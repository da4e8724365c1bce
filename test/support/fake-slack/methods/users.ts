import type { Workspace } from '../state';
import type { User } from '../types';
import { need } from './args';
import { SlackApiError, type Method } from './method';

/** Where Slack puts people who never chose a zone (and where it puts bots). */
const DEFAULT_TZ = 'America/Los_Angeles';

export const userMethods: Record<string, Method> = {
  'users.info': ({ ws, args, scopes }) => {
    const user = ws.users.get(need(args, 'user', 'user_not_found'));
    if (!user) throw new SlackApiError('user_not_found');
    const json = userJson(ws, user);
    // profile.email is given only to a token with users:read.email.
    if (scopes && !scopes.includes('users:read.email')) delete (json.profile as { email?: string }).email;
    return { user: json };
  },

  'users.lookupByEmail': ({ ws, args, scopes = [] }) => {
    const email = need(args, 'email', 'invalid_email').toLowerCase();
    if (!scopes.includes('users:read.email'))
      throw new SlackApiError('missing_scope', { needed: 'users:read.email', provided: scopes.join(',') });
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new SlackApiError('invalid_email');
    const user = [...ws.users.values()].find((u) => u.email?.toLowerCase() === email);
    if (!user) throw new SlackApiError('users_not_found');
    return { user: userJson(ws, user) };
  },

  'users.list': ({ ws }) => ({
    members: [...ws.users.values()].map((u) => userJson(ws, u)),
    cache_ts: Math.floor(Date.now() / 1000),
    response_metadata: { next_cursor: '' },
  }),
};

export function userJson(ws: Workspace, user: User): Record<string, unknown> {
  const name = user.name ?? user.id.toLowerCase();
  const realName = user.real_name ?? name;
  const tz = user.tz === null ? {} : zoneFields(user.tz ?? DEFAULT_TZ);
  return {
    id: user.id,
    team_id: ws.identity.teamId,
    name,
    deleted: user.deleted ?? false,
    real_name: realName,
    ...tz,
    is_bot: user.is_bot ?? false,
    is_app_user: false,
    ...(user.id === ws.identity.botUserId
      ? { profile: { ...profile(name, realName), bot_id: ws.identity.botId } }
      : { profile: { ...profile(name, realName), ...(user.email ? { email: user.email } : {}) } }),
    updated: 1_732_441_200,
  };
}

function profile(name: string, realName: string) {
  return { display_name: name, display_name_normalized: name, real_name: realName, real_name_normalized: realName };
}

/**
 * tz, tz_label and tz_offset as Slack gives them: the offset is the zone's offset right now,
 * which is why apps must not do arithmetic with it across DST.
 */
export function zoneFields(tz: string, at = new Date()): { tz: string; tz_label: string; tz_offset: number } {
  const label =
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? tz;
  const offsetText =
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offsetText);
  const offset = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60) : 0;
  return { tz, tz_label: label, tz_offset: offset };
}
