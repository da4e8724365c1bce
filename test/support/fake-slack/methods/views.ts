import type { Workspace } from '../state';
import type { View } from '../types';
import { errorsIn } from '../validate-common';
import { validateView, viewTooLarge } from '../validate-view';
import { need, str } from './args';
import { invalidArguments, SlackApiError, type MethodContext, type Method } from './method';

export const viewMethods: Record<string, Method> = {
  'views.open': (ctx) => openOrPush(ctx),
  'views.push': (ctx) => openOrPush(ctx),

  'views.update': (ctx) => {
    const { ws, args } = ctx;
    const viewId = str(args, 'view_id');
    const externalId = str(args, 'external_id');
    if (!viewId && !externalId) throw invalidArguments(['[ERROR] missing required field: view_id']);
    const stored = viewId ? ws.views.get(viewId) : [...ws.views.values()].find((v) => v.external_id === externalId);
    if (!stored) throw new SlackApiError('not_found');
    // Slack compares hashes so an update based on a stale copy of the view loses, not clobbers.
    const hash = str(args, 'hash');
    if (hash !== undefined && hash !== stored.hash) throw new SlackApiError('hash_conflict');
    const view = viewArg(ctx, 'modal');
    stored.view = view;
    stored.hash = ws.ids.hash();
    const newExternalId =
      typeof view.external_id === 'string' && view.external_id !== '' ? view.external_id : undefined;
    if (newExternalId) stored.external_id = newExternalId;
    return { view: viewJson(ws, stored) };
  },

  'views.publish': (ctx) => {
    const { ws, args } = ctx;
    const user = need(args, 'user_id');
    if (!ws.activeUser(user)) throw new SlackApiError('user_not_found');
    const view = viewArg(ctx, 'home');
    const existing = ws.homes.get(user);
    const hash = str(args, 'hash');
    if (hash !== undefined && existing && hash !== existing.hash) throw new SlackApiError('hash_conflict');
    const home = { id: existing?.id ?? ws.freshId('V'), user, view, hash: ws.ids.hash() };
    ws.homes.set(user, home);
    return { view: viewJson(ws, { id: home.id, type: 'home', view, hash: home.hash }) };
  },
};

/** views.open and views.push take a modal and a trigger_id that has not been exchanged yet. */
function openOrPush(ctx: MethodContext) {
  const { ws, args } = ctx;
  const triggerId = need(args, 'trigger_id');
  const trigger = ws.triggers.get(triggerId);
  if (!trigger) throw new SlackApiError('invalid_trigger_id');
  if (trigger.state === 'exchanged') throw new SlackApiError('exchanged_trigger_id');
  if (trigger.state === 'expired') throw new SlackApiError('expired_trigger_id');
  const view = viewArg(ctx, 'modal');
  const externalId = typeof view.external_id === 'string' && view.external_id !== '' ? view.external_id : undefined;
  if (externalId && [...ws.views.values()].some((v) => v.external_id === externalId))
    throw new SlackApiError('duplicate_external_id');
  // Exchanged only once the view is accepted: a refused view leaves the trigger usable.
  trigger.state = 'exchanged';
  const stored: View = {
    id: ws.freshId('V'),
    type: 'modal',
    view,
    trigger_id: triggerId,
    ...(trigger.user ? { user: trigger.user } : {}),
    hash: ws.ids.hash(),
    ...(externalId ? { external_id: externalId } : {}),
  };
  ws.views.set(stored.id, stored);
  return { view: viewJson(ws, stored) };
}

/** The `view` argument, checked: `invalid_arguments` with Slack's messages, or `view_too_large`. */
function viewArg(ctx: MethodContext, expected: 'modal' | 'home'): any {
  const view = ctx.args.view;
  if (view === undefined || view === '') throw invalidArguments(['[ERROR] missing required field: view']);
  if (viewTooLarge(view)) throw new SlackApiError('view_too_large');
  const issues = validateView(view, expected);
  if (errorsIn(issues).length > 0) throw invalidArguments(issues);
  ctx.warnings.push(...issues);
  return view;
}

/** A view object as views.* methods return it. */
function viewJson(ws: Workspace, stored: View): Record<string, unknown> {
  const v = stored.view;
  return {
    id: stored.id,
    team_id: ws.identity.teamId,
    type: stored.type,
    blocks: v.blocks,
    private_metadata: v.private_metadata ?? '',
    callback_id: v.callback_id ?? '',
    state: { values: {} },
    hash: stored.hash,
    title: v.title,
    clear_on_close: v.clear_on_close ?? false,
    notify_on_close: v.notify_on_close ?? false,
    close: v.close ?? null,
    submit: v.submit ?? null,
    previous_view_id: null,
    root_view_id: stored.id,
    app_id: ws.identity.appId,
    external_id: stored.external_id ?? '',
    app_installed_team_id: ws.identity.teamId,
    bot_id: ws.identity.botId,
  };
}
