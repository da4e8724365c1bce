import type { AnyMiddlewareArgs } from '@slack/bolt';
import { createRouter } from '../../../src/slack/listeners/shared/routing';

const handler = (name: string, seen: string[]) => async () => void seen.push(name);
const args = (a: Record<string, unknown>) => a as unknown as AnyMiddlewareArgs;

describe('the routing table', () => {
  const seen: string[] = [];
  const router = createRouter();
  router.command('/incident', handler('command', seen));
  router.buttons({ open_update: handler('button', seen) });
  router.views({ declare: handler('view', seen) });
  router.messageShortcut('add_to_timeline', handler('shortcut', seen));
  router.events({ app_home_opened: handler('event', seen) });

  it('sends each kind of request to the handler of its id, as Bolt would match it', () => {
    const routed = [
      router.route(args({ command: { command: '/incident' }, body: {} })),
      router.route(args({ action: { action_id: 'open_update' }, body: { type: 'block_actions' } })),
      router.route(args({ view: {}, body: { type: 'view_submission', view: { callback_id: 'declare' } } })),
      router.route(args({ shortcut: {}, body: { type: 'message_action', callback_id: 'add_to_timeline' } })),
      router.route(args({ event: { type: 'app_home_opened' }, body: {} })),
    ];
    expect(routed.every((h) => h !== undefined)).toBe(true);
  });

  it('routes nothing it does not know: another command, an unknown button, a closed modal, a global shortcut, an event type', () => {
    expect(router.route(args({ command: { command: '/other' }, body: {} }))).toBeUndefined();
    expect(router.route(args({ action: { action_id: 'unknown' }, body: { type: 'block_actions' } }))).toBeUndefined();
    expect(
      router.route(args({ view: {}, body: { type: 'view_closed', view: { callback_id: 'declare' } } })),
    ).toBeUndefined();
    expect(
      router.route(args({ shortcut: {}, body: { type: 'shortcut', callback_id: 'add_to_timeline' } })),
    ).toBeUndefined();
    expect(router.route(args({ event: { type: 'reaction_added' }, body: {} }))).toBeUndefined();
    // Object's own keys are not ids.
    expect(
      router.route(args({ action: { action_id: 'constructor' }, body: { type: 'block_actions' } })),
    ).toBeUndefined();
  });

  it('refuses a second handler for the same id', () => {
    expect(() => router.buttons({ open_update: handler('again', seen) })).toThrow('two handlers for open_update');
  });
});
