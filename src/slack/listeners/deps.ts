import type { Clock } from '../../clock';
import type { Policy } from '../../config/policy';
import type { IncidentsService } from '../../incidents/incidents.service';
import type { Logger } from '../../logger';
import type { RemindersService } from '../../reminders/reminders.service';

/** What listeners may use: domain services and read-only settings, never the store directly. */
export interface ListenerDeps {
  incidents: IncidentsService;
  reminders: RemindersService;
  policy: Policy;
  clock: Clock;
  logger: Logger;
}
