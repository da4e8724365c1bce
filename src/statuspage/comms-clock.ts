import type { Policy } from '../config/policy';
import type { AfterChange } from '../incidents/after-change';
import type { Incident } from '../incidents/incident.types';
import type { Logger } from '../logger';
import type { WorkKey } from '../reminders/reminder.port';
import type { Repositories, Tx } from '../store';
import type { TimedJob } from '../timers/timed-job';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import { componentsOf } from './components';
import { assertPublishable } from './publish';
import { publishWithinOf } from './statuspage.config';

/** How the comms clock reaches people; Slack implements it (a DM with a Publish button). */
export interface CommsClockPort {
  /** Tells `userId` that the incident has published nothing in `within`; with the key as metadata, looked for first when `mayExist`. */
  remindToPublish(userId: string, incident: Incident, within: number, key: WorkKey): Promise<void>;
}

type Reads = Pick<Tx, 'incidentServices' | 'statusPage'>;

/**
 * How soon this incident must be published, when the comms clock applies to it now: open, not
 * recorded after the fact, publishable (not private; not a drill unless the page takes drills), on
 * a public component, at a severity with publishWithin, and nothing published yet. Null otherwise.
 */
async function deadlineOf(tx: Reads, policy: Policy, incident: Incident): Promise<number | null> {
  if (incident.resolvedAt !== null || incident.retroactive) return null;
  try {
    assertPublishable(incident, policy);
  } catch {
    return null;
  }
  const within = publishWithinOf(policy.statusPage, incident.severity);
  if (within === null) return null;
  const affected = new Set(await tx.incidentServices.of(incident.id));
  if (!componentsOf(policy.services).some((c) => affected.has(c.id))) return null;
  if (await tx.statusPage.incidentOf(incident.id)) return null;
  return within;
}

/**
 * Keeps each incident's comms clock in step with it, from the incidents' one hook: planned when
 * the incident is declared or later comes under the clock (a public service added, a severity with
 * publishWithin), from that moment; cleared when it no longer is (resolved, made private, its
 * public services removed). A reminder that went out never comes again. `served`: the page is on
 * (STATUS_PORT), else there is nowhere to publish and nothing to remind of.
 */
export function planCommsClock({ policy, served }: { policy: Policy; served: boolean }): AfterChange {
  return async (incident, facts, tx) => {
    if (!served) return;
    const within = await deadlineOf(tx, policy, incident);
    const clock = await tx.commsClocks.of(incident.id);
    if (within === null) {
      if (clock?.dueAt != null) await tx.commsClocks.clear(incident.id);
      return;
    }
    if (clock?.remindedAt != null) return;
    const from = facts.declared ? incident.declaredAt : facts.at;
    // Already running: a new severity may only bring the deadline closer.
    if (clock?.dueAt != null && !(facts.severityChanged && from + within < clock.dueAt)) return;
    await tx.commsClocks.plan(incident.id, from + within, within);
  };
}

export interface CommsClockDeps {
  store: Repositories<'transaction' | 'incidents' | 'incidentServices' | 'statusPage' | 'commsClocks'>;
  recorder: Recorder;
  policy: Policy;
  logger: Logger;
}

/**
 * The comms clock's job: a due row whose incident still has published nothing reminds the comms
 * role (else the commander) by DM, once. The row is completed only after the DM; a replica taking
 * over a row another left half done looks for that DM (its metadata names the step) before sending.
 */
export function createCommsClock({ store, recorder, policy, logger }: CommsClockDeps, port: CommsClockPort) {
  const job: TimedJob = {
    name: 'commsClock',
    kind: 'commsClock',
    batch: 20,
    async work(item) {
      const { id, now } = item;
      const decided = await store.transaction(async (tx) => {
        const clock = await tx.commsClocks.of(id);
        const incident = await tx.incidents.get(id);
        if (!clock || clock.dueAt === null || clock.dueAt > now || !incident) return null;
        if ((await deadlineOf(tx, policy, incident)) === null) {
          await tx.commsClocks.clear(id);
          return null;
        }
        return { incident, within: clock.within };
      });
      if (!decided) {
        await item.complete(async () => undefined);
        return false;
      }
      const { incident, within } = decided;
      const userId = incident.roles.comms ?? incident.commanderId;
      const log = logger.child({ incidentId: id });
      try {
        await port.remindToPublish(userId, incident, within, { step: 'publish-reminder', mayExist: item.takenOver });
      } catch (error) {
        // Left due: its lease is given back at the end of the batch and a later tick tries again.
        log.warn({ err: error }, 'publish reminder failed');
        return false;
      }
      const done = await item.complete(async (tx) => {
        if (!(await tx.commsClocks.reminded(id, now))) return false;
        await recorder.record(tx, entries.publishReminder({ incidentId: id, at: now }, { userId, within }));
        return true;
      });
      if (!done.held) log.warn('publish reminder lease lost before it was recorded');
      return done.held && done.value;
    },
  };
  return { job };
}
