import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { homeView } from '../../blocks/home-view';
import type { ListenerDeps } from '../deps';

const HomeOpened = z.object({ user: z.string().regex(/^[UW][A-Z0-9]+$/), tab: z.string() });

/** Publishes the viewer's Home tab each time they open it, so it is never staler than that. */
export function appHomeOpened(deps: ListenerDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    const parsed = HomeOpened.safeParse(event);
    // The Messages and About tabs send this event too; only Home has a view to publish.
    if (!parsed.success || parsed.data.tab !== 'home') return;
    const overview = await deps.overview.home(parsed.data.user);
    await client.views.publish({ user_id: parsed.data.user, view: homeView(overview, deps.policy) });
  };
}
