import type { ListenerDeps } from '../deps';
import type { EventHandler, Router } from '../shared/routing';
import { appHomeOpened } from './app-home';
import { memberChanged } from './membership';
import { messageChanged } from './message-changes';
import { personChanged } from './people';

export function register(router: Router, deps: ListenerDeps): void {
  router.events({
    app_home_opened: appHomeOpened(deps) as EventHandler,
    member_joined_channel: memberChanged(deps, true) as EventHandler,
    member_left_channel: memberChanged(deps, false) as EventHandler,
    message: messageChanged(deps) as EventHandler,
    user_change: personChanged(deps) as EventHandler,
    team_join: personChanged(deps) as EventHandler,
  });
}
