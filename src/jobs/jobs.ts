import type { IncidentsService } from '../incidents/incidents.service';
import type { Logger } from '../logger';
import type { RemindersService } from '../reminders/reminders.service';

/** What one tick did, job by job. */
export interface TickReport {
  reminders: number;
  archived: number;
  setups: number;
}

export interface JobsDeps {
  incidents: Pick<IncidentsService, 'archiveDue' | 'retryDueSetups'>;
  reminders: Pick<RemindersService, 'tick'>;
  logger: Logger;
}

/**
 * Everything that happens later rather than on request, run in order at each scheduler tick. Each
 * job claims its due rows in the database, so a restart or an overlapping tick repeats nothing.
 * The timers the next features bring (escalation levels, nudges, webhook retries) join this list.
 */
export function createJobs({ incidents, reminders, logger }: JobsDeps) {
  return {
    async tick(): Promise<TickReport> {
      // Status-update reminders and escalations whose time has come.
      const sent = await reminders.tick();
      // Channels of incidents resolved archiveAfter ago.
      const archived = await incidents.archiveDue();
      // Declarations Slack held up, at their next attempt.
      const retried = await incidents.retryDueSetups();
      const finished = retried.filter((r) => r.problems.length === 0);
      if (finished.length > 0) logger.info({ incidents: finished.map((r) => r.incident.id) }, 'finished declarations Slack had held up');
      return { reminders: sent, archived, setups: retried.length };
    },
  };
}
