import type { Incident } from '../incidents/incident.types';
import type { Logger } from '../logger';
import type { WorkKey } from '../reminders/reminder.port';
import type { Repositories } from '../store';
import type { TimedJob } from '../timers/timed-job';
import type { IncidentChecklists } from './checklist.types';
import { checklistsOf } from './checklists.service';

/** How the checklists reach the incident channel; Slack implements it (one message, Done buttons). */
export interface ChecklistMessagePort {
  /**
   * Posts the incident's checklist message (`ts` null; with the key as metadata, looked for first
   * when `mayExist`) or brings the one at `ts` up to date; resolves to the message's ts.
   */
  show(incident: Incident, checklists: IncidentChecklists, ts: string | null, key: WorkKey): Promise<string>;
}

export interface ChecklistMessageDeps {
  store: Repositories<'transaction' | 'incidents' | 'checklists' | 'leases'>;
  logger: Logger;
}

/**
 * The checklist message's job: an incident whose checklists changed (attached, ticked, added to)
 * and that has a channel gets its one message posted, then updated in place. The row stays due
 * until a refresh showed the latest revision; a replica taking over one left half done looks for
 * the post (its metadata names the step) before posting.
 */
export function createChecklistMessages({ store, logger }: ChecklistMessageDeps, port: ChecklistMessagePort) {
  const job: TimedJob = {
    name: 'checklistMessage',
    kind: 'checklistMessage',
    batch: 20,
    async work(item) {
      const { id } = item;
      const read = await store.transaction(async (tx) => {
        const message = await tx.checklists.message(id);
        const incident = await tx.incidents.get(id);
        if (!message || message.dueAt === null || !incident?.channelId) return null;
        return { message, incident, checklists: await checklistsOf(tx, id) };
      });
      if (!read) {
        await item.complete(async () => undefined);
        return false;
      }
      const { message, incident, checklists } = read;
      let ts: string;
      try {
        ts = await port.show(incident, checklists, message.ts, { step: 'checklists', mayExist: item.takenOver });
      } catch (error) {
        // Left due: a later tick tries again.
        logger.warn({ err: error, incidentId: id }, 'checklist message could not be brought up to date');
        return false;
      }
      const done = await item.complete((tx) => tx.checklists.shown(id, message.revision, ts));
      return done.held;
    },
  };
  return { job };
}
