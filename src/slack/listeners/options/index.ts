import { FIELD } from '../../blocks/ids';
import type { ListenerDeps } from '../deps';
import type { Router } from '../shared/routing';
import { serviceOptions } from './service-options';

export function register(router: Router, deps: ListenerDeps): void {
  router.options({
    [FIELD.services]: serviceOptions(deps),
  });
}
