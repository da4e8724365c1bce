import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

export type ButtonHandler = (args: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => Promise<void>;
export type ViewHandler = (args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => Promise<void>;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (ids: string[]): RegExp => new RegExp(`^(?:${ids.map(escapeRegExp).join('|')})$`);

/**
 * One Bolt listener for a whole table of buttons. Bolt runs every request through every
 * listener's matching chain, so one listener per surface instead of one per id keeps the cost
 * of each acknowledgement flat as the app grows (measured by `npm run bench`).
 */
export function routeButtons(app: App, table: Record<string, ButtonHandler>): void {
  app.action<BlockButtonAction>(anyOf(Object.keys(table)), (args) =>
    (table[args.action.action_id] as ButtonHandler)(args),
  );
}

/** One Bolt listener for the submissions of all the app's modals, by callback_id. */
export function routeViews(app: App, table: Record<string, ViewHandler>): void {
  app.view<ViewSubmitAction>(anyOf(Object.keys(table)), (args) => (table[args.view.callback_id] as ViewHandler)(args));
}
