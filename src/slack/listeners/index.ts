import type { App } from '@slack/bolt';
import * as actions from './actions';
import * as commands from './commands';
import type { ListenerDeps } from './deps';
import * as events from './events';
import * as shortcuts from './shortcuts';
import * as views from './views';

/** The routing table: every Slack surface the app answers. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  commands.register(app, deps);
  actions.register(app, deps);
  views.register(app, deps);
  shortcuts.register(app, deps);
  events.register(app, deps);
}
