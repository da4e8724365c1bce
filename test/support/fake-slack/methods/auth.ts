import type { Method } from './method';

export const authMethods: Record<string, Method> = {
  'auth.test': ({ ws }) => ({
    url: 'https://fake.slack.com/',
    team: 'Fake Team',
    user: ws.users.get(ws.identity.botUserId)?.name ?? 'commander',
    team_id: ws.identity.teamId,
    user_id: ws.identity.botUserId,
    bot_id: ws.identity.botId,
    is_enterprise_install: false,
  }),
};
