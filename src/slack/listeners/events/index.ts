import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { appHomeOpened } from './app-home';
import { memberChanged } from './membership';
import { messageChanged } from './message-changes';

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
  app.event('member_joined_channel', memberChanged(deps, true));
  app.event('member_left_channel', memberChanged(deps, false));
  app.event('message', messageChanged(deps));
}
