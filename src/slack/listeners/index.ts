import type { App } from '@slack/bolt';
import type * as Actions from './actions';
import type * as Commands from './commands';
import type { ListenerDeps } from './deps';
import type * as Events from './events';
import { rememberPeople } from './shared/remember-people';
import { createRouter, type Router } from './shared/routing';
import type * as Options from './options';
import type * as Shortcuts from './shortcuts';
import type * as Views from './views';

/**
 * The routing table of every surface. The listener modules (their modals, messages and checks) are
 * required here, on the first request, rather than imported: start-up, and /healthz, do not wait
 * for them, and the first request loads them in well under Slack's 3 s.
 */
export function routeEverySurface(deps: ListenerDeps): Router {
  const router = createRouter();
  (require('./commands') as typeof Commands).register(router, deps);
  (require('./actions') as typeof Actions).register(router, deps);
  (require('./views') as typeof Views).register(router, deps);
  (require('./shortcuts') as typeof Shortcuts).register(router, deps);
  (require('./events') as typeof Events).register(router, deps);
  (require('./options') as typeof Options).register(router, deps);
  return router;
}

/**
 * Every Slack surface the app answers, in one routing table read by one Bolt middleware (and no
 * Bolt listeners: see shared/routing.ts). A request no table knows goes on to Bolt, which then
 * finds no listener, as before.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  let router: Router | undefined;
  const remember = rememberPeople(deps.people, deps.logger);
  app.use((args) =>
    deps.inFlight.run(async () => {
      router ??= routeEverySurface(deps);
      // Not awaited: remembering a name never holds up the acknowledgement (it catches its own failures).
      void deps.inFlight.run(() => remember(args.body));
      const handler = router.route(args);
      await (handler ? handler(args) : args.next());
    }),
  );
}
