import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import { IncidentError } from '../incidents/incidents.errors';
import type { Incident } from '../incidents/incident.types';
import type { Logger } from '../logger';
import type { Repositories, Tx } from '../store';
import type { TrackerIssueRow } from '../store/tracker-issues.repository';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import type { Followup } from '../timeline/timeline.types';
import type { ClaimedItem, JobRunner, TimedJob } from '../timers/timed-job';
import { nextAttempt } from '../webhooks/backoff';
import { issueOf, markerOf } from './issue-text';
import { TrackerError, type TrackerClient, type TrackerIssue } from './tracker.port';
import type { TrackerKind } from './trackers.config';

/** How the chat tells people what a tracker refused; the Slack adapter implements it. */
export interface TrackersPort {
  /** Said once in the incident's channel, with the tracker's own reason. */
  tellRefused(
    incident: Incident,
    followup: Followup,
    refusal: { tracker: string; status: number; reason: string },
  ): Promise<void>;
  /** The person's e-mail address as the chat has it; null when it has none (or may not say). Throws when it cannot be asked. */
  emailOf(userId: string): Promise<string | null>;
}

export interface TrackersDeps {
  store: Repositories<'incidents' | 'followups' | 'trackerIssues' | 'people' | 'transaction'>;
  recorder: Recorder;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  runner: Pick<JobRunner, 'run' | 'runOne'>;
  /** One client per tracker the policy configures. */
  clients: Partial<Record<TrackerKind, TrackerClient>>;
  port: TrackersPort;
  /** A link to the incident for the issue's body (its channel), or null. */
  incidentLink: (incident: Incident) => string | null;
  /** Who this Commander is, in the marker (its bot user id): two installs never find each other's issues. */
  install: string;
  /** Runs work in the background, counted as work in flight (a stop waits for it). */
  background: (work: () => Promise<unknown>) => void;
  random?: () => number;
}

/** Tracker work never gives up: a tracker down for a day still gets the issue when it is back. */
const NEVER = Number.MAX_SAFE_INTEGER;
/** How long `/incident followups` waits for the trackers before it lists what it knows. */
const SYNC_WAIT_MS = 1_500;

export type TrackersService = ReturnType<typeof createTrackersService>;

/**
 * Follow-ups as issues in GitHub, Jira or Linear, through leased outbox rows (tracker_issues):
 * made once (a retry after a lost answer finds the issue by the marker in its body before making
 * one), checked every syncEvery (closed there: done here), closed by `/incident done` when the
 * policy says so. A refusal (401, 404, 422) is told once in the channel and not retried; a tracker
 * down is retried with backoff.
 */
export function createTrackersService(deps: TrackersDeps) {
  const { store, recorder, policy, clock, runner, clients, port } = deps;
  const trackers = policy.trackers;
  const logger = deps.logger.child({ component: 'trackers' });

  async function runSoon(): Promise<void> {
    await runner.run(job).catch((error: unknown) => logger.error({ err: error }, 'tracker work failed'));
  }
  const wake = () => deps.background(runSoon);

  /** Queues the follow-up's issue in the caller's transaction; the work starts once it commits. */
  async function queue(tx: Tx, followup: Followup, now: number, wakeAfter = true): Promise<boolean> {
    if (!trackers) return false;
    const queued = await tx.trackerIssues.enqueue({
      followupId: followup.id,
      incidentId: followup.incidentId,
      tracker: trackers.default,
      marker: markerOf(deps.install, followup.id),
      at: now,
    });
    if (queued && wakeAfter) tx.afterCommit(wake);
    return queued;
  }

  type Step = { kind: 'opened'; issue: TrackerIssue; closed: boolean } | { kind: 'synced'; closed: boolean };

  /** The tracker calls for one row; throws a TrackerError. */
  async function call(row: TrackerIssueRow, client: TrackerClient, item: ClaimedItem): Promise<Step> {
    if (row.state === 'create') {
      // An attempt before this one (ours, or a replica's that died) may have made it without hearing so.
      const earlier = row.attempts > 0 || item.takenOver ? await client.find(row.marker) : null;
      const issue = earlier ?? (await made(row, client));
      if (row.closeWanted) await client.close(issue.ref);
      return { kind: 'opened', issue, closed: row.closeWanted };
    }
    const ref = row.ref as string;
    if (row.closeWanted) {
      await client.close(ref);
      return { kind: 'synced', closed: true };
    }
    return { kind: 'synced', closed: await client.isClosed(ref) };
  }

  async function made(row: TrackerIssueRow, client: TrackerClient): Promise<TrackerIssue> {
    const followup = await store.followups.get(row.followupId);
    const incident = await store.incidents.get(row.incidentId);
    if (!followup || !incident) throw new TrackerError(404, 'the follow-up no longer exists');
    const ownerName = followup.ownerId ? ((await store.people.nameOf(followup.ownerId)) ?? null) : null;
    return client.create(
      issueOf({
        followup,
        incident,
        marker: row.marker,
        incidentLink: deps.incidentLink(incident),
        ownerName,
        ownerEmail: await ownerEmailOf(followup, client.kind),
        timezone: policy.timezone,
      }),
    );
  }

  /** GitHub names the owner in the body only; the others assign by e-mail, which Slack is asked for. */
  async function ownerEmailOf(followup: Followup, tracker: TrackerKind): Promise<string | null> {
    if (!followup.ownerId || tracker === 'github') return null;
    try {
      return await port.emailOf(followup.ownerId);
    } catch {
      // Slack failing now: the issue waits for the next attempt rather than go unassigned for good.
      throw new TrackerError(null, 'Slack did not say who the owner is');
    }
  }

  /** Writes what the tracker said, if this process still holds the row. */
  async function settle(row: TrackerIssueRow, step: Step, item: ClaimedItem): Promise<void> {
    const now = clock.now();
    const syncAt = now + (trackers?.syncEvery ?? 600_000);
    await item.complete(async (tx) => {
      const at = { incidentId: row.incidentId, at: now };
      const followup = await tx.followups.get(row.followupId);
      if (step.kind === 'opened') {
        await tx.trackerIssues.opened(row.followupId, step.issue.ref, syncAt);
        await tx.followups.setIssue(row.followupId, { tracker: row.tracker, ...step.issue, closed: step.closed });
        await recorder.record(
          tx,
          entries.followupIssue(at, {
            followupId: row.followupId,
            tracker: row.tracker,
            key: step.issue.key,
            url: step.issue.url,
          }),
        );
      }
      if (!step.closed) {
        if (step.kind === 'synced') await tx.trackerIssues.again(row.followupId, syncAt, null, 0);
        return;
      }
      await tx.trackerIssues.closed(row.followupId);
      const issue = step.kind === 'opened' ? step.issue : followup?.issue;
      if (issue)
        await tx.followups.setIssue(row.followupId, {
          tracker: row.tracker,
          key: issue.key,
          url: issue.url,
          closed: true,
        });
      // Closed in the tracker: done here too, once, by Commander.
      if (followup && followup.doneAt === null && (await tx.followups.markDone(followup.id, now)))
        await recorder.record(
          tx,
          entries.followupDone(at, { followupId: followup.id, text: followup.text, tracker: row.tracker }),
        );
    });
  }

  /** A failed call: refused is told once and left; anything else is tried again later. */
  async function failed(row: TrackerIssueRow, error: TrackerError, item: ClaimedItem): Promise<void> {
    const now = clock.now();
    const attempts = row.attempts + (item.takenOver ? 2 : 1);
    const log = { followupId: row.followupId, incidentId: row.incidentId, tracker: row.tracker, status: error.status };
    if (!error.refused) {
      const next = nextAttempt({
        failures: attempts,
        now,
        since: row.since,
        giveUpAfter: NEVER,
        retryAfterMs: error.retryAfterMs,
        ...(deps.random ? { random: deps.random } : {}),
      });
      await item.complete((tx) => tx.trackerIssues.again(row.followupId, next as number, error.message, attempts));
      logger.warn({ ...log, attempts, error: error.message }, 'tracker did not answer; trying again later');
      return;
    }
    const refusal = { tracker: row.tracker, status: error.status as number, reason: error.reason };
    const told = await item.complete(async (tx) => {
      await tx.trackerIssues.refused(row.followupId, error.message);
      await recorder.record(
        tx,
        entries.followupIssueRefused(
          { incidentId: row.incidentId, at: now },
          { followupId: row.followupId, ...refusal },
        ),
      );
      return { followup: await tx.followups.get(row.followupId), incident: await tx.incidents.get(row.incidentId) };
    });
    logger.warn({ ...log, reason: error.reason }, 'tracker refused the follow-up issue');
    if (!told.held || !told.value.followup || !told.value.incident) return;
    await port
      .tellRefused(told.value.incident, told.value.followup, refusal)
      .catch((e: unknown) => logger.warn({ err: e, followupId: row.followupId }, 'could not tell the channel'));
  }

  /**
   * Rows at work in this process. A lease is this process's whoever in it claimed it, so the Create
   * issue button's runOne and a run woken by the same commit (or a tick) may both hold one row: the
   * second leaves it to the first, which completes it, or it would make the issue twice.
   */
  const working = new Set<number>();

  /** One leased row: make, check or close its issue (unless this process is at it already). */
  async function work(item: ClaimedItem): Promise<boolean> {
    if (working.has(item.id)) return false;
    working.add(item.id);
    try {
      return await workRow(item);
    } finally {
      working.delete(item.id);
    }
  }

  async function workRow(item: ClaimedItem): Promise<boolean> {
    const row = await store.trackerIssues.get(item.id);
    if (!row || row.nextAt === null || row.state === 'closed' || row.state === 'refused') {
      await item.complete(async () => undefined);
      return false;
    }
    const client = clients[row.tracker as TrackerKind];
    if (!client) {
      // The tracker left the policy: nothing to ask, until it is back.
      await item.complete((tx) =>
        tx.trackerIssues.again(row.followupId, clock.now() + 3_600_000, 'not configured', row.attempts),
      );
      return false;
    }
    try {
      const step = await call(row, client, item);
      await settle(row, step, item);
      return true;
    } catch (error) {
      if (!(error instanceof TrackerError)) throw error;
      await failed(row, error, item);
      return false;
    }
  }

  const job: TimedJob = {
    name: 'trackers',
    kind: 'trackerIssue',
    batch: 100,
    enabled: () => trackers !== null,
    // A row may take several calls (find, create, close), each up to the timeout.
    leaseFor: (trackers?.timeout ?? 10_000) * 4 + 30_000,
    work,
  };

  return {
    job,
    /** Due work (retries, syncs) started in the background; each tick calls it. */
    workSoon: wake,
    enabled: trackers !== null,
    /** Whether follow-ups get their issue as they are added, or by the Create issue button. */
    automatic: trackers?.createOn === 'add',
    /** Called in the transaction that added the follow-up (createOn: add). */
    async added(tx: Tx, followup: Followup, now: number): Promise<void> {
      if (trackers?.createOn === 'add') await queue(tx, followup, now);
    },
    /** Called in the transaction that marked the follow-up done (`/incident done`): closes its issue when the policy says so. */
    async done(tx: Tx, followup: Followup, now: number): Promise<void> {
      if (!trackers?.closeIssues) return;
      const row = await tx.trackerIssues.get(followup.id);
      if (!row || row.state === 'closed' || row.state === 'refused') return;
      await tx.trackerIssues.wantClosed(followup.id, now);
      tx.afterCommit(wake);
    },
    /** The Create issue button: queues the follow-up's issue (or asks again after a refusal) and makes it now. */
    async request(
      followupId: number,
      /** Throws the refusal unless the person may change the follow-up's incident. */
      authorize: (incidentId: number) => Promise<unknown>,
    ): Promise<{ followup: Followup; queued: boolean }> {
      if (!trackers) throw new IncidentError('invalid_input', 'No issue tracker is configured.');
      const found = await store.followups.get(followupId);
      if (!found) throw new IncidentError('no_such_followup', 'That follow-up no longer exists.');
      await authorize(found.incidentId);
      const now = clock.now();
      const result = await store.transaction(async (tx) => {
        const followup = await tx.followups.get(followupId);
        if (!followup) throw new IncidentError('no_such_followup', 'That follow-up no longer exists.');
        // Made right after the commit by this request, so the person who pressed it sees the link.
        const queued =
          (await queue(tx, followup, now, false)) || (await tx.trackerIssues.retryRefused(followupId, now));
        return { followup, queued };
      });
      if (result.queued) await runner.runOne(job, followupId);
      return { ...result, followup: (await store.followups.get(followupId)) ?? result.followup };
    },
    /** `/incident followups`: the incident's open issues checked now (waiting a moment at most). */
    async syncIncident(incidentId: number): Promise<void> {
      if (!trackers) return;
      await store.trackerIssues.syncNow(incidentId, clock.now());
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, SYNC_WAIT_MS);
        timer.unref();
      });
      const ran = new Promise<void>((resolve) => deps.background(() => runSoon().finally(resolve)));
      await Promise.race([ran, waited]);
      clearTimeout(timer);
    },
  };
}
