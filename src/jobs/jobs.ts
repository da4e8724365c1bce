import type { IncidentsDeps } from '../incidents/incidents.deps';
import type { IncidentsService } from '../incidents/incidents.service';
import type { Logger } from '../logger';
import type { EscalationsService } from '../reminders/escalations.service';
import type { RemindersService } from '../reminders/reminders.service';
import { createChannelArchiving } from './archive-channels';

/**
 * Lets the event loop answer what arrived while a job ran. With SQLite every store call resolves
 * at once, so a tick that finds nothing due would otherwise hold the process for all of its
 * queries in one go (a couple of milliseconds when its code is cold), and a Slack request that
 * came in meanwhile would wait for the whole tick before it could be acknowledged.
 */
const letRequestsIn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What one tick did, job by job. */
export interface TickReport {
  reminders: number;
  /** Escalation-clock timers fired: ladder levels, acknowledgement requests, comms reminders. */
  escalations: number;
  archived: number;
  setups: number;
  alerts: number;
  /** Postmortem step nudges sent. */
  nudges: number;
}

export interface JobsDeps {
  incidents: Pick<IncidentsService, 'retryDueSetups'>;
  reminders: Pick<RemindersService, 'tick'>;
  escalations: Pick<EscalationsService, 'tick'>;
  /** Alert notifications accepted and not yet processed (after a restart, or a failed run). */
  alerts: { drain(): Promise<number> };
  /** Postmortem steps and overdue follow-ups that nudge someone (src/postmortem). */
  nudges: { tick(): Promise<number> };
  /** Webhook events due (retries whose time has come), sent in the background. */
  webhooks: { deliverSoon(): void };
  /** What archiving channels needs: the incidents' store and the chat platform. */
  archiving: Omit<IncidentsDeps, 'afterChange'>;
  logger: Logger;
}

/**
 * Everything that happens later rather than on request, run in order at each scheduler tick. Each
 * job leases its due rows in the database (src/store/README.md), so a restart, an overlapping tick
 * or another replica repeats nothing, and a replica that dies mid-item leaves it to be taken over.
 * The timers the next features bring (nudges) join this list.
 */
export function createJobs({
  incidents,
  reminders,
  escalations,
  alerts,
  nudges,
  webhooks,
  archiving,
  logger,
}: JobsDeps) {
  const channels = createChannelArchiving(archiving);
  return {
    async tick(): Promise<TickReport> {
      // Status-update reminders and escalations whose time has come.
      const sent = await reminders.tick();
      await letRequestsIn();
      // The escalation clock: acknowledgement, ladder levels on time, the comms timer; overdue ones in order.
      const fired = await escalations.tick();
      await letRequestsIn();
      // Channels of incidents resolved archiveAfter ago.
      const archived = await channels.archiveDue();
      await letRequestsIn();
      // Declarations the chat platform held up, at their next attempt.
      const retried = await incidents.retryDueSetups();
      const finished = retried.filter((r) => r.problems.length === 0);
      if (finished.length > 0)
        logger.info({ incidents: finished.map((r) => r.incident.id) }, 'finished declarations Slack had held up');
      await letRequestsIn();
      const processed = await alerts.drain();
      await letRequestsIn();
      // Postmortem steps now due, in the working hours of whoever is nudged.
      const nudged = await nudges.tick();
      // Not awaited: a slow receiver (up to its timeout per attempt) must not hold up the reminders.
      webhooks.deliverSoon();
      return {
        reminders: sent,
        escalations: fired,
        archived,
        setups: retried.length,
        alerts: processed,
        nudges: nudged,
      };
    },
  };
}
