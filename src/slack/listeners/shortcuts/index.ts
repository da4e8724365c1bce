import type { App } from '@slack/bolt';
import { CALLBACK } from '../../blocks/ids';
import type { ListenerDeps } from '../deps';
import { addToTimeline } from './add-to-timeline';

export function register(app: App, deps: ListenerDeps): void {
  app.shortcut({ type: 'message_action', callback_id: CALLBACK.addToTimeline }, addToTimeline(deps));
}
