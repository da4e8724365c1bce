import type { Logger } from '../logger';
import type { JobRunner, TimedJob } from '../timers/timed-job';
import { letRequestsIn } from '../timers/runner';

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
  /** Maintenance windows started or ended. */
  maintenance: number;
  /** Public incidents' publish reminders sent (the comms clock). */
  publishReminders: number;
  /** Checklist messages posted or brought up to date. */
  checklistMessages: number;
  /** Rules' actions done (their timed triggers found first). */
  ruleActions: number;
  /** Hand-off briefings sent (src/handoffs). */
  handoffs: number;
  /** Outgoing primaries asked for hand-off notes (src/handoffs). */
  handoffNotes: number;
  /** New commanders briefed (src/handoffs) that the change's own attempt missed. */
  commanderBriefings: number;
  /** DMs sent to incidents' followers (src/follows). */
  followNotices: number;
  /** Weekly digests posted (src/digest). */
  weeklyDigests: number;
}

export interface JobsDeps {
  runner: Pick<JobRunner, 'run'>;
  /**
   * The timed jobs, in the order a tick runs them: status-update reminders, the escalation clock,
   * archiving, declarations the chat platform held up. Adding a timer is a line here.
   */
  timed: {
    reminders: TimedJob;
    escalations: TimedJob;
    archived: TimedJob;
    setups: TimedJob;
    /** Postmortem steps now due, in the working hours of whoever is nudged (src/postmortem). */
    postmortemNudges: TimedJob;
    followupNudges: TimedJob;
    /** Status-page maintenance windows starting or ending. */
    maintenance: TimedJob;
    /** Public incidents that have published nothing in time remind the comms role. */
    commsClock: TimedJob;
    /** Incidents' checklist messages to post or bring up to date (a change the refresh after it missed). */
    checklistMessages: TimedJob;
    /** Rules' firings whose actions are due (src/rules). */
    rules: TimedJob;
    /** Changes of a rotation's primary to brief (src/handoffs). */
    handoffs: TimedJob;
    /** Outgoing primaries to ask for hand-off notes, an hour before (src/handoffs). */
    handoffNotes: TimedJob;
    /** New commanders to brief (src/handoffs). */
    commanderBriefings: TimedJob;
    /** DMs owed to incidents' followers that the run after their change missed (src/follows). */
    followNotices: TimedJob;
    /** The week's digest to post in the announcement channel (src/digest). */
    weeklyDigest: TimedJob;
  };
  /** Records the changes of primary that have come (once each), before the hand-off job runs. */
  handoffChanges: { find(): Promise<number> };
  /** Records the week's digest once its time has come (once), before the digest job runs. */
  digestWeeks: { find(): Promise<number> };
  /** Rules' timed triggers (no_update_for, followup_overdue): recorded as firings before their job runs. */
  ruleTriggers: { find(): Promise<number> };
  /** Alert notifications accepted and not yet processed (after a restart, or a failed run). */
  alerts: { drain(): Promise<number> };
  /** Webhook events due (retries whose time has come): each receiver's job started in the runner, in the background. */
  webhooks: { deliverSoon(): void };
  /**
   * Other outboxes to outside services (PagerDuty, issue trackers): each started in the background
   * like the webhooks, so a service slow to answer holds up no reminder.
   */
  outward?: Array<() => void>;
  logger: Logger;
}

/**
 * Everything that happens later rather than on request, run in order at each scheduler tick. Each
 * job leases its due rows in the database (src/store/README.md), so a restart, an overlapping tick
 * or another replica repeats nothing, and a replica that dies mid-item leaves it to be taken over.
 */
export function createJobs({
  runner,
  timed,
  alerts,
  webhooks,
  ruleTriggers,
  handoffChanges,
  digestWeeks,
  outward = [],
}: JobsDeps) {
  return {
    async tick(): Promise<TickReport> {
      const counts = { reminders: 0, escalations: 0, archived: 0, setups: 0 };
      for (const name of Object.keys(counts) as Array<keyof typeof counts>) {
        counts[name] = await runner.run(timed[name]);
        await letRequestsIn();
      }
      const processed = await alerts.drain();
      await letRequestsIn();
      const nudged = (await runner.run(timed.postmortemNudges)) + (await runner.run(timed.followupNudges));
      const maintenance = await runner.run(timed.maintenance);
      const publishReminders = await runner.run(timed.commsClock);
      const checklistMessages = await runner.run(timed.checklistMessages);
      await ruleTriggers.find();
      const ruleActions = await runner.run(timed.rules);
      await handoffChanges.find();
      const handoffNotes = await runner.run(timed.handoffNotes);
      const handoffs = await runner.run(timed.handoffs);
      const commanderBriefings = await runner.run(timed.commanderBriefings);
      const followNotices = await runner.run(timed.followNotices);
      await digestWeeks.find();
      const weeklyDigests = await runner.run(timed.weeklyDigest);
      // Not awaited: a slow receiver (up to its timeout per attempt) must not hold up the reminders,
      // and each receiver's job runs on its own, so one never answering holds up no other.
      webhooks.deliverSoon();
      for (const start of outward) start();
      return {
        ...counts,
        alerts: processed,
        nudges: nudged,
        maintenance,
        publishReminders,
        checklistMessages,
        ruleActions,
        handoffs,
        handoffNotes,
        commanderBriefings,
        followNotices,
        weeklyDigests,
      };
    },
  };
}
