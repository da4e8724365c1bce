import type { App } from '@slack/bolt';
import * as actions from './actions';
import * as commands from './commands';
import type { ListenerDeps } from './deps';
import * as events from './events';
import { rememberPeople } from './shared/remember-people';
import * as shortcuts from './shortcuts';
import * as views from './views';

/** The routing table: every Slack surface the app answers, after the people middleware. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const remember = rememberPeople(deps.people);
  // One global middleware rather than two: each costs a step on every request before its ack.
  app.use((args) => deps.inFlight.run(() => remember(args)));
  commands.register(app, deps);
  actions.register(app, deps);
  views.register(app, deps);
  shortcuts.register(app, deps);
  events.register(app, deps);
}
