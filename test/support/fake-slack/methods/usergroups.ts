import { bool, need } from './args';
import { SlackApiError, type Method } from './method';

export const usergroupMethods: Record<string, Method> = {
  /**
   * As Slack answers it: the group's member ids; an unknown id, or a disabled group unless
   * `include_disabled` is set, is `no_such_subteam`; the token needs usergroups:read.
   */
  'usergroups.users.list': ({ ws, args, scopes }) => {
    if (scopes && !scopes.includes('usergroups:read'))
      throw new SlackApiError('missing_scope', { needed: 'usergroups:read', provided: scopes.join(',') });
    const id = need(args, 'usergroup');
    const group = ws.usergroups.get(id);
    if (!group || (group.disabled && !bool(args, 'include_disabled'))) throw new SlackApiError('no_such_subteam');
    return { users: [...group.users] };
  },
};
