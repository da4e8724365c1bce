import { CALLBACK } from '../../blocks/ids';
import type { ListenerDeps } from '../deps';
import type { Router } from '../shared/routing';
import { addToTimeline } from './add-to-timeline';

export function register(router: Router, deps: ListenerDeps): void {
  router.messageShortcut(CALLBACK.addToTimeline, addToTimeline(deps));
}
