import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { appHomeOpened } from './app-home';
import { memberChanged } from './membership';
import { messageChanged } from './message-changes';

type EventArgs = SlackEventMiddlewareArgs & AllMiddlewareArgs;

/** One Bolt listener for every event type (see routing.ts: each listener costs every request a step). */
export function register(app: App, deps: ListenerDeps): void {
  const table: Record<string, (args: EventArgs) => Promise<void>> = {
    app_home_opened: appHomeOpened(deps) as (args: EventArgs) => Promise<void>,
    member_joined_channel: memberChanged(deps, true) as (args: EventArgs) => Promise<void>,
    member_left_channel: memberChanged(deps, false) as (args: EventArgs) => Promise<void>,
    message: messageChanged(deps) as (args: EventArgs) => Promise<void>,
  };
  app.event(new RegExp(`^(?:${Object.keys(table).join('|')})$`), async (args) => {
    await table[args.event.type]?.(args);
  });
}
