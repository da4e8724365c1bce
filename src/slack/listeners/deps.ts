import type { Clock } from '../../clock';
import type { Policy } from '../../config/policy';
import type { IncidentsService } from '../../incidents/incidents.service';
import type { Logger } from '../../logger';

/** What listeners may use: domain services and read-only settings, never the store directly. */
export interface ListenerDeps {
  incidents: IncidentsService;
  policy: Policy;
  clock: Clock;
  logger: Logger;
}
