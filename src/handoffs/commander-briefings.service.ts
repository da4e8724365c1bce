import type { NextEscalation } from '../escalations/escalation.port';
import type { AfterChange } from '../incidents/after-change';
import type { Logger } from '../logger';
import type { Store } from '../store';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import type { ClaimedItem, TimedJob } from '../timers/timed-job';
import { buildCommanderBriefing, type CommanderBriefing } from './commander-briefing';

/** How a new commander's briefing reaches them; Slack implements it (src/slack/adapters/handoff-port.ts). */
export interface CommanderBriefingPort {
  /** DMs the briefing; `mayExist`: an earlier attempt may have sent it, so look before sending. */
  briefCommander(briefing: CommanderBriefing, key: { mayExist: boolean }): Promise<void>;
}

export interface CommanderBriefingsDeps {
  store: Store;
  recorder: Recorder;
  logger: Logger;
  nextEscalation: (incidentId: number) => Promise<NextEscalation | null>;
}

/**
 * A new commander's briefing: a change of commander of an open incident plans one in the same
 * transaction (so a redelivered command, which changes nothing, plans none, and a restart loses
 * none), and a leased job sends it once and puts it on the timeline.
 */
export function createCommanderBriefings(deps: CommanderBriefingsDeps, port: CommanderBriefingPort) {
  const { store, recorder, nextEscalation } = deps;
  const log = deps.logger.child({ component: 'commander-briefings' });

  async function work(item: ClaimedItem): Promise<boolean> {
    const row = await store.commanderBriefings.get(item.id);
    if (!row || row.dueAt === null || row.dueAt > item.now) {
      await store.transaction((tx) => item.release(tx));
      return false;
    }
    const incident = await store.incidents.get(row.incidentId);
    // Resolved since, or handed on again (that change has a briefing of its own): nothing to say.
    if (!incident || incident.resolvedAt !== null || incident.commanderId !== row.commanderId) {
      await item.complete((tx) => tx.commanderBriefings.done(row.id, null));
      return false;
    }
    try {
      const briefing = await buildCommanderBriefing(store, {
        briefingId: row.id,
        incident,
        now: item.now,
        nextEscalation,
      });
      await port.briefCommander(briefing, { mayExist: item.takenOver });
    } catch (error) {
      log.warn({ err: error, incidentId: row.incidentId }, 'could not brief the new commander');
      await store.transaction((tx) => item.release(tx));
      return false;
    }
    const done = await item.complete(async (tx) => {
      await tx.commanderBriefings.done(row.id, item.now);
      await recorder.record(
        tx,
        entries.commanderBriefed(
          { incidentId: row.incidentId, at: item.now, actorId: null },
          { to: row.commanderId, briefingId: row.id },
        ),
      );
    });
    if (!done.held) log.warn({ incidentId: row.incidentId }, 'briefing lease lost before it was recorded');
    return true;
  }

  const job: TimedJob = { name: 'commander briefings', kind: 'commanderBriefing', batch: 10, work };

  /** Plans the briefing when a change gave an open incident a new commander; `wake` sends it after the commit. */
  const plan =
    (wake: (id: number) => void): AfterChange =>
    async (incident, facts, tx) => {
      if (!facts.newCommander || facts.roleAssigned !== 'commander' || incident.resolvedAt !== null) return;
      const id = await tx.commanderBriefings.plan(incident.id, incident.commanderId, facts.at);
      if (id !== undefined) tx.afterCommit(() => wake(id));
    };

  return { job, plan };
}
