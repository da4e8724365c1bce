import type { App } from '@slack/bolt';
import * as actions from './actions';
import * as commands from './commands';
import type { ListenerDeps } from './deps';
import * as events from './events';
import { rememberPeople } from './shared/remember-people';
import { createRouter } from './shared/routing';
import * as shortcuts from './shortcuts';
import * as views from './views';

/**
 * Every Slack surface the app answers, in one routing table read by one Bolt middleware (and no
 * Bolt listeners: see shared/routing.ts). A request no table knows goes on to Bolt, which then
 * finds no listener, as before.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const router = createRouter();
  commands.register(router, deps);
  actions.register(router, deps);
  views.register(router, deps);
  shortcuts.register(router, deps);
  events.register(router, deps);
  const remember = rememberPeople(deps.people);
  app.use((args) =>
    deps.inFlight.run(async () => {
      await remember(args.body);
      const handler = router.route(args);
      await (handler ? handler(args) : args.next());
    }),
  );
}
