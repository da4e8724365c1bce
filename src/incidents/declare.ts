import { findSeverity } from '../config/policy';
import { bridgeUrl } from '../paging/paging.config';
import type { TimedJob } from '../timers/timed-job';
import { type LeaseHolder, leaseHolderOf } from '../timers/lease-holder';
import { isPerson } from './actors';
import { hasVisibleText } from '../text/clean-text';
import { entries } from '../timeline/entries';
import { facts, nobodyListens } from './after-change';
import { createChannelMaker } from './create-channel';
import { IncidentError, quoted, type StepProblem, toStepProblem } from './incidents.errors';
import type { IncidentsDeps } from './incidents.deps';
import type { Incident } from './incident.types';
import { requireIncident } from './lookup';
import { nextSetupAttemptAt } from './setup-retries';
import { longestFirst } from './longest-first';
import { requireType } from './incident-types';
import { addServiceRows, recordServiceEntries, servicesNamed } from './affected-services';
import { createServiceReach } from './service-reach';
import { createSetupRuns } from './setup-runs';
import { TAKING_A_NUMBER } from './incident-numbers';

export interface DeclareInput {
  /** Idempotency key: the same key never declares a second incident (a double-submitted modal). */
  key: string;
  title: string;
  severity: string;
  impact: string;
  commanderId: string;
  declaredBy: string;
  sourceViewId?: string | null;
  /** A security incident: private channel, announced only in the private announcement channel. */
  isPrivate?: boolean;
  /** One of the policy's types; the first (incident) when left out. A private type makes the incident private. */
  type?: string;
  /** Ids of the catalog services it hurts; an id the catalog lacks is noted on the timeline instead. */
  services?: string[];
  /** Who named the services, for that note (an alert source); by default the declaration. */
  servicesNamedBy?: string;
}

export interface SetupResult {
  incident: Incident;
  problems: StepProblem[];
}

export interface SetupHooks {
  /**
   * Called once the channel exists, alongside the remaining steps (not after them), so the
   * declarer can be shown the channel a round trip sooner. Its failure is logged, not a problem.
   */
  onChannelReady?: (incident: Incident) => Promise<void>;
}

/** A stored declaration; its set-up in the chat platform goes on in `setup`. */
export interface Declaration {
  incident: Incident;
  created: boolean;
  setup: Promise<SetupResult & { created: boolean }>;
}

/** Unfinished declarations retried per scheduler tick at most; the rest wait for the next. */
const RETRY_BATCH = 20;

/** Set-up steps in order; each is recorded when done so a retry skips it. */
export const SETUP_STEPS = [
  'channel',
  'invite',
  'topic',
  'kickoff',
  'pin',
  'announce',
  'services',
  'call_bookmark',
] as const;

export function createDeclare(deps: IncidentsDeps & { lease?: LeaseHolder }) {
  const { store, recorder, conversation, policy, clock, logger, afterChange = nobodyListens } = deps;
  const lease = deps.lease ?? leaseHolderOf(policy);
  const createChannel = createChannelMaker(deps);
  const { reach } = createServiceReach({
    conversation,
    clock,
    logger,
    ...(deps.serviceTeams ? { teams: deps.serviceTeams } : {}),
    ...(deps.onCallPrimary ? { onCallPrimary: deps.onCallPrimary } : {}),
  });

  /** Stores the incident before any Slack call, so nothing is lost if Slack or the process fails. */
  async function record(input: DeclareInput): Promise<{ incident: Incident; created: boolean }> {
    const severity = findSeverity(policy, input.severity);
    if (!severity) {
      throw new IncidentError(
        'unknown_severity',
        `Unknown severity ${quoted(input.severity)}. Choose one of ${policy.severities.map((s) => s.id).join(', ')}.`,
      );
    }
    const title = input.title.trim();
    if (!hasVisibleText(title))
      throw new IncidentError('invalid_input', 'An incident needs a title with something to read in it.');
    const type = requireType(policy, input.type);
    // insertOnce checks the key and inserts in this one transaction: a double submit makes one incident.
    return store.transaction(async (tx) => {
      const now = clock.now();
      const result = await tx.incidents.insertOnce({
        declareKey: input.key,
        title,
        severity: severity.id,
        impact: input.impact.trim(),
        commanderId: input.commanderId,
        declaredBy: input.declaredBy,
        declaredAt: now,
        sourceViewId: input.sourceViewId ?? null,
        isPrivate: (input.isPrivate ?? false) || type.private,
        type: type.id,
      });
      if (result.created) {
        let { incident } = result;
        const at = { incidentId: incident.id, at: now, actorId: input.declaredBy };
        const named = input.services ?? [];
        const services = await addServiceRows(tx, policy, at, named);
        await recorder.record(tx, entries.declared(at, incident));
        const source = input.servicesNamedBy ? { source: input.servicesNamedBy } : {};
        await recordServiceEntries(tx, recorder, policy, { ...at, ...source }, services, named);
        // Declaring with yourself as commander is acknowledging: you are there.
        if (incident.commanderId === input.declaredBy) {
          incident = await tx.incidents.update(incident.id, { acknowledgedAt: now, acknowledgedBy: input.declaredBy });
          const self = { by: input.declaredBy, commanderId: input.declaredBy, self: true };
          await recorder.record(tx, entries.acknowledged(at, self));
        }
        await afterChange(incident, facts(now, { cadenceMoved: true, declared: true, actorId: input.declaredBy }), tx);
        return { ...result, incident };
      }
      return result;
    }, TAKING_A_NUMBER);
  }

  type Step = (typeof SETUP_STEPS)[number];

  /**
   * A step's Slack call, then its journal entry and what it returned, in one transaction. The Slack
   * call is made before the transaction begins: steps run at once, and a transaction holds the
   * store's lock, so one awaiting Slack would hold up every other step's journal (and every flow).
   */
  async function runStep(
    incident: Incident,
    step: Exclude<Step, 'channel'>,
    mayExist: boolean,
    onKickoffPosted?: (kickoffTs: string) => void,
  ): Promise<void> {
    const channelId = incident.channelId as string;
    const key = { incidentId: incident.id, step, mayExist };
    const journal = (changes: Partial<Pick<Incident, 'kickoffTs' | 'announcementTs'>> = {}) =>
      store.transaction(async (tx) => {
        await tx.incidents.update(incident.id, changes);
        await tx.incidents.markStepDone(incident.id, step, clock.now());
      });
    switch (step) {
      case 'invite': {
        const refused = await conversation.invite(
          channelId,
          [...new Set([incident.declaredBy, incident.commanderId])].filter(isPerson),
        );
        // The form was answered from what Slack said earlier; its answer now is the one that counts.
        const commander = refused.find((r) => r.userId === incident.commanderId);
        if (commander) await conversation.tellCommanderUnavailable(incident, commander.kind);
        return journal();
      }
      case 'topic':
        await conversation.setTopic(incident);
        return journal();
      case 'kickoff': {
        const kickoffTs = await conversation.postKickoff(incident, key);
        // The pin needs only the ts, so it is sent now, alongside this entry: were the process to
        // stop before the entry is written, the next attempt finds the kick-off by its metadata.
        onKickoffPosted?.(kickoffTs);
        return journal({ kickoffTs });
      }
      case 'pin':
        await conversation.pin(channelId, incident.kickoffTs as string);
        return journal();
      case 'announce':
        return journal({ announcementTs: (await conversation.announce(incident, key)) ?? undefined });
      case 'call_bookmark':
        // Its own step, so a retry neither skips it nor (looking first) adds it twice.
        await conversation.bookmarkCall(incident, key);
        return journal();
      case 'services': {
        // Journaled whatever reached whom: the team posts are keyed, but a bookmark added twice stays twice.
        const problems = await reach(incident, servicesNamed(policy, await store.incidentServices.of(incident.id)));
        await journal();
        const [first] = problems;
        if (first) throw Object.assign(new Error(first.detail), { code: first.code });
        return;
      }
    }
  }

  /**
   * Runs the Slack steps not yet done. The channel comes first (everything else needs it), then
   * all the rest at once but the pin, which waits for the kick-off it pins: three round trips in
   * all. The kick-off is sent first of those, and the pin as soon as its answer is in. A failed channel step stops the rest; any other failure is reported and the other steps
   * still run. An attempt that leaves steps undone plans the next one; the declarer, told that
   * Commander would finish, is told when a later attempt does.
   */
  async function setUp(incidentId: number, fresh: boolean, hooks: SetupHooks): Promise<SetupResult> {
    const done = await store.incidents.stepsDone(incidentId);
    const problems: StepProblem[] = [];
    const attempt = async (step: Step, work: () => Promise<void>): Promise<boolean> => {
      if (done.has(step)) return true;
      try {
        await work();
        return true;
      } catch (error) {
        const problem = toStepProblem(step, error);
        problems.push(problem);
        logger.warn({ incidentId, step, code: problem.code }, 'incident set-up step failed');
        return false;
      }
    };
    const channelReady = await attempt('channel', async () => {
      await createChannel(await requireIncident(store, incidentId));
    });
    if (channelReady) {
      const incident = await requireIncident(store, incidentId);
      // Only the first attempt of a new declaration can be sure it has posted nothing yet.
      const step = (name: Exclude<Step, 'channel'>, of = incident) => attempt(name, () => runStep(of, name, !fresh));
      const kickoffThenPin = async () => {
        let pinned: Promise<boolean> | undefined;
        const pinNow = (kickoffTs: string) => {
          pinned = step('pin', { ...incident, kickoffTs });
        };
        const posted = await attempt('kickoff', () => runStep(incident, 'kickoff', !fresh, pinNow));
        if (pinned) await pinned;
        else if (posted) {
          // Posted by an earlier attempt: its ts is in the journal.
          const withKickoff = await requireIncident(store, incidentId);
          if (withKickoff.kickoffTs) await step('pin', withKickoff);
        }
      };
      const hurts = (await store.incidentServices.of(incidentId)).length > 0;
      await longestFirst(kickoffThenPin, [
        ...(hurts ? [() => step('services')] : []),
        ...(bridgeUrl(policy.bridge, incident) ? [() => step('call_bookmark')] : []),
        () => step('invite'),
        () => step('topic'),
        () => step('announce'),
        () => channelShown(incident, hooks),
      ]);
    }
    let incident = await requireIncident(store, incidentId);
    if (problems.length > 0) {
      const failed = await store.incidents.countFailedSetup(incidentId);
      const retryAt = nextSetupAttemptAt(failed, clock.now(), Math.max(0, ...problems.map((p) => p.retryAfter ?? 0)));
      await store.incidents.planSetupRetry(incidentId, retryAt);
      if (retryAt === null)
        logger.error({ incidentId, failed }, 'incident set-up given up; it is tried again at the next start');
    } else if (incident.setupDoneAt === null) {
      incident = await store.incidents.update(incidentId, { setupDoneAt: clock.now() });
      await store.incidents.planSetupRetry(incidentId, null);
      if ((await store.incidents.failedSetupAttempts(incidentId)) > 0) await tellFinished(incident);
    }
    return { incident, problems };
  }

  /** The declarer may learn of the channel while the rest is set up; their view is no set-up step. */
  async function channelShown(incident: Incident, hooks: SetupHooks): Promise<void> {
    try {
      await hooks.onChannelReady?.(incident);
    } catch (error) {
      logger.warn(
        { incidentId: incident.id, code: toStepProblem('channel_shown', error).code },
        'could not show the channel',
      );
    }
  }

  async function tellFinished(incident: Incident): Promise<void> {
    // An alert source cannot be told; the channel's kick-off says the incident is set up.
    if (!isPerson(incident.declaredBy)) return;
    try {
      await conversation.tellSetupFinished(incident);
    } catch (error) {
      logger.warn(
        { incidentId: incident.id, code: toStepProblem('setup_done', error).code },
        'could not tell the declarer the set-up finished',
      );
    }
  }

  const { finishSetup, setUpWaiting } = createSetupRuns({ store, clock, lease, setUp });

  /** Stores the incident (once per key) and starts its set-up; answers as soon as it is stored. */
  async function declareStored(input: DeclareInput, hooks: SetupHooks = {}): Promise<Declaration> {
    const { incident, created } = await record(input);
    if (created) logger.info({ incidentId: incident.id, severity: incident.severity }, 'incident declared');
    const setup = setUpWaiting(incident.id, created, hooks).then((result) => ({ ...result, created }));
    // Whoever takes `setup` sees its failure; until then it is not an unhandled rejection.
    void setup.catch(() => undefined);
    return { incident, created, setup };
  }

  return {
    declareStored: (input: DeclareInput) => declareStored(input),
    async declare(input: DeclareInput, hooks: SetupHooks = {}): Promise<SetupResult & { created: boolean }> {
      return (await declareStored(input, hooks)).setup;
    },
    /** Waits for (or starts) the set-up of a declared incident; one at a time per incident, across replicas too. */
    finishSetup: (incidentId: number) => setUpWaiting(incidentId),
    /** Finishes declarations a crash or an outage left half done (called at start-up); not those another replica is doing. */
    async resumeSetups(): Promise<SetupResult[]> {
      const results: SetupResult[] = [];
      for (const incident of await store.incidents.listSetupPending()) {
        const result = await finishSetup(incident.id, false, {}, false);
        if (result) results.push(result);
      }
      return results;
    },
    /**
     * Declarations the chat platform held up, tried again once their next attempt is due. The
     * set-up takes the incident's lease itself (by id, as a declaration does), which the claim
     * already gave this process.
     */
    setupJob: {
      name: 'setups',
      kind: 'setup',
      batch: RETRY_BATCH,
      async work({ id }) {
        const result = await finishSetup(id, false, {}, false);
        if (result?.problems.length === 0) logger.info({ incidents: [id] }, 'finished declarations Slack had held up');
        return result !== null;
      },
    } satisfies TimedJob,
  };
}
