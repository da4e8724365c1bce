import { createJobs, type TickReport } from '../jobs/jobs';
import { startScheduler } from '../timers/scheduler';
import type { Foundation } from './foundation';
import type { Services } from './services';

/**
 * The timed jobs, caught up at start (declarations, alerts and events a stop left unfinished) and
 * then run at every scheduler tick; `scheduler: false` leaves the ticks to the caller (tests).
 */
export function startJobs(f: Foundation, services: Services, options: { scheduler: boolean }) {
  const { inFlight, logger, runner, webhooks, policy } = f;
  void inFlight.run(async () => {
    const resumed = await services.incidents.resumeSetups();
    if (resumed.length > 0)
      logger.info({ incidents: resumed.map((r) => r.incident.id) }, 'resumed unfinished declarations');
  });
  // Alert notifications accepted before a stop are processed now.
  void services.alerts.drain().catch((error: unknown) => logger.error({ err: error }, 'alert processing failed'));
  // Events queued before a stop (or while a receiver was down) go out now rather than at the first tick.
  webhooks.deliverSoon();
  services.paging.sendSoon();
  services.trackers.workSoon();
  const jobs = createJobs({
    runner,
    timed: {
      reminders: services.reminders.job,
      escalations: services.escalations.job,
      archived: services.archiving.job,
      setups: services.incidents.setupJob,
      postmortemNudges: services.followThrough.job,
      followupNudges: services.followupNudges.job,
      maintenance: services.statusPage.maintenance.job,
      commsClock: services.statusPage.commsClock.job,
      checklistMessages: services.checklists.job,
      rules: services.rules.job,
      handoffs: services.handoffs.job,
      handoffNotes: services.handoffNotes.job,
      commanderBriefings: services.commanderBriefings.job,
      followNotices: services.follows.job,
      weeklyDigest: services.weeklyDigest.job,
    },
    ruleTriggers: services.rules.timed,
    handoffChanges: services.handoffs,
    digestWeeks: services.weeklyDigest,
    alerts: services.alerts,
    webhooks,
    outward: [services.paging.sendSoon, services.trackers.workSoon],
    logger,
  });
  const tick = (): Promise<TickReport> => jobs.tick();
  const scheduler = options.scheduler
    ? startScheduler({ everyMs: policy.reminders.checkEvery, tick: () => inFlight.run(tick), logger })
    : undefined;
  return { tick, stop: async () => scheduler?.stop() };
}
