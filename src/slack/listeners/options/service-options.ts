import { serviceSuggestions } from '../../blocks/services-input';
import type { ListenerDeps } from '../deps';
import type { OptionsHandler } from '../shared/routing';

/**
 * The "Affected services" menu of a catalog too big for a static menu: Slack asks as the person
 * types, and the answer is the services whose name or id holds it. Nothing here asks Slack or the
 * database, so the answer is immediate, as a menu needs.
 */
export const serviceOptions =
  (deps: Pick<ListenerDeps, 'policy'>): OptionsHandler =>
  async ({ ack, options }) => {
    await ack({ options: serviceSuggestions(deps.policy, typeof options.value === 'string' ? options.value : '') });
  };
