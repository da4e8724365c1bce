import type { App } from '@slack/bolt';
import { CALLBACK } from '../../blocks/ids';
import type { ListenerDeps } from '../deps';
import { onDeclareSubmitted } from './declare';
import { onIncidentPicked } from './pick-incident';
import { onAssignSubmitted, onResolveSubmitted, onUpdateSubmitted } from './status';

export function register(app: App, deps: ListenerDeps): void {
  app.view(CALLBACK.declare, onDeclareSubmitted(deps));
  app.view(CALLBACK.update, onUpdateSubmitted(deps));
  app.view(CALLBACK.resolve, onResolveSubmitted(deps));
  app.view(CALLBACK.assignRole, onAssignSubmitted(deps));
  app.view(CALLBACK.pickIncident, onIncidentPicked(deps));
}
