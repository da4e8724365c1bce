import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import { askedWait, errorCode, isTransient } from '../errors/chat-error';
import type { Incident } from '../incidents/incident.types';
import type { Logger } from '../logger';
import type { Repositories, Tx } from '../store';
import type { ChatText } from '../text/rich-text';
import type { ClaimedItem, TimedJob } from '../timers/timed-job';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import type { EntryData } from '../timeline/timeline.types';
import { receiversOf } from '../webhooks/outbox-writer';
import { eventBody } from '../webhooks/event-body';
import { ACTION_VERBS } from './action-words';
import type { PlannedAction } from './actions';
import type { RuleFiring } from '../store/rule-firings.repository';
import type { AttachChecklist, RuleEscalate, RulesPort } from './rules.port';

/** Tries of one failing action before it is given up and said so in the channel. */
export const MAX_ATTEMPTS = 5;
/** How soon a firing whose incident has no channel yet is looked at again. */
const CHANNEL_WAIT = 1_000;
/** The wait after the first failure, doubled after each. */
const FIRST_WAIT = 30_000;

export interface RuleFiringsDeps {
  store: Repositories<'transaction' | 'incidents' | 'incidentServices' | 'ruleFirings' | 'followups' | 'webhookOutbox'>;
  recorder: Recorder;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  port: RulesPort;
  /** How a follow-up's text is kept (the chat platform's markup, as people type follow-ups). */
  chat: Pick<ChatText, 'write'>;
  escalate: RuleEscalate;
  /** A rotation's primary on call at `at`, or null. */
  onCallPrimary: (rotation: string, at: number) => string | null;
  /** The checklists feature's attach; absent until it is wired. */
  attach?: AttachChecklist;
  /** Called once a webhook event is queued and committed: wake the sender. */
  webhooksQueued?: () => void;
}

type Outcome = { outcome: 'done' | 'skipped' } | { outcome: 'failed'; code: string } | { retryAt: number };
/** Database work of an action, done in the transaction that records it done: once, with its record. */
type InTx = (tx: Tx) => Promise<'done' | 'skipped'>;

/**
 * Works through a firing's actions, in order, as leased timed work (src/store/README.md): each
 * action done is recorded (its timeline entry, the firing's next action) in a transaction that
 * checks the lease is still held, so a restart or another replica goes on from the first action
 * not recorded; that one's Slack work carries its key and is looked for first. A failing action
 * is tried again later (a transient failure, up to MAX_ATTEMPTS) and then given up: said once in
 * the channel and on the timeline, and the firing goes on with its next action.
 */
export function createRuleFirings(deps: RuleFiringsDeps) {
  const { store, recorder, policy, clock, logger, port } = deps;

  /** The Slack part of an action (before its record), or its database part (with its record). */
  async function perform(
    action: PlannedAction,
    incident: Incident,
    firing: RuleFiring,
    index: number,
    key: { step: string; mayExist: boolean },
  ): Promise<{ outcome: 'done' | 'skipped' } | InTx> {
    const channel = incident.channelId;
    switch (action.kind) {
      case 'invite': {
        if (action.users.length + action.usergroups.length === 0) return { outcome: 'skipped' };
        if (!channel) throw new Error('the incident has no channel yet');
        await port.invite(channel, action.users, action.usergroups);
        return { outcome: 'done' };
      }
      case 'post':
        await port.post(incident, firing.rule, action.text, key);
        return { outcome: 'done' };
      case 'dm':
        if (action.users.length === 0) return { outcome: 'skipped' };
        for (const [i, userId] of action.users.entries())
          await port.dm(userId, incident, firing.rule, action.text, {
            step: `${key.step}-${i}`,
            mayExist: key.mayExist,
          });
        return { outcome: 'done' };
      case 'bookmark':
        if (!channel) throw new Error('the incident has no channel yet');
        await port.bookmark(channel, { title: action.title, url: action.link });
        return { outcome: 'done' };
      case 'escalate': {
        const target =
          action.level !== null
            ? { level: action.level }
            : { userId: deps.onCallPrimary(action.rotation ?? '', clock.now()) };
        if ('userId' in target && target.userId === null) return { outcome: 'skipped' };
        await deps.escalate(incident.id, target as { level: number } | { userId: string }, `Rule ${firing.rule}`, key);
        return { outcome: 'done' };
      }
      case 'attach':
        return async (tx) => {
          if (!deps.attach)
            throw Object.assign(new Error('checklists are not wired'), { code: 'checklists_unavailable' });
          await deps.attach(tx, incident.id, action.checklist, clock.now(), firing.rule);
          return 'done';
        };
      case 'followup':
        return async (tx) => {
          const now = clock.now();
          const text = deps.chat.write(action.text);
          const added = await tx.followups.add({
            incidentId: incident.id,
            text,
            ownerId: action.ownerId,
            // The rule acts for the incident: its commander is who a follow-up's creator is asked about.
            createdBy: incident.commanderId,
            createdAt: now,
            dueAt: action.dueIn === null ? null : now + action.dueIn,
            requestKey: `rule-${firing.id}-${index}`,
          });
          if (added.created)
            await recorder.record(
              tx,
              entries.followupAdded(
                { incidentId: incident.id, at: now },
                { followupId: added.followup.id, ownerId: action.ownerId, text },
              ),
            );
          return 'done';
        };
      case 'webhook':
        return async (tx) => {
          const urls = receiversOf(policy.webhooks, 'rule.fired', incident.isPrivate)
            .map((w) => w.url)
            .filter((url) => action.url === null || url === action.url);
          if (urls.length === 0) return 'skipped';
          const services = (await tx.incidentServices.of(incident.id)).map((id) => ({
            id,
            name: policy.services.find((s) => s.id === id)?.name ?? id,
          }));
          const eventId = `evt_rule_${firing.id}_${index}`;
          const now = clock.now();
          const entry = entries.ruleAction(
            { incidentId: incident.id, at: now },
            { rule: firing.rule, firingId: firing.id, action, outcome: 'done' },
          );
          const change = { rule: firing.rule, event: action.event };
          const body = eventBody({ id: eventId, type: 'rule.fired', entry, incident, services, change });
          await tx.webhookOutbox.enqueue({ eventId, incidentId: incident.id, type: 'rule.fired', body, at: now }, urls);
          if (deps.webhooksQueued) tx.afterCommit(deps.webhooksQueued);
          return 'done';
        };
    }
  }

  /** One action, to its outcome: done, skipped, given up, or to be tried again at `retryAt`. */
  async function attempt(
    firing: RuleFiring,
    incident: Incident,
    index: number,
    mayExist: boolean,
  ): Promise<Outcome | InTx> {
    const action = firing.actions[index] as PlannedAction;
    const key = { step: `rule-${firing.id}-${index}`, mayExist };
    try {
      return await perform(action, incident, firing, index, key);
    } catch (error) {
      const log = logger.child({ incidentId: incident.id, rule: firing.rule, action: action.kind });
      const tries = firing.attempts + 1;
      if (isTransient(error) && tries < MAX_ATTEMPTS) {
        log.warn({ code: errorCode(error), tries }, 'rule action failed; trying again later');
        return { retryAt: clock.now() + Math.max(askedWait(error), FIRST_WAIT * 2 ** firing.attempts) };
      }
      await sayGaveUp(firing, incident, index, errorCode(error), mayExist);
      return { outcome: 'failed', code: errorCode(error) };
    }
  }

  /** A given-up action, said once in the channel (its post keyed like the action's own). */
  async function sayGaveUp(firing: RuleFiring, incident: Incident, index: number, code: string, mayExist: boolean) {
    const action = firing.actions[index] as PlannedAction;
    const log = logger.child({ incidentId: incident.id, rule: firing.rule, action: action.kind });
    log.error({ code }, 'rule action gave up');
    await port
      .reportGaveUp(incident, firing.rule, ACTION_VERBS[action.kind], {
        step: `rule-${firing.id}-${index}-gave-up`,
        mayExist,
      })
      .catch((e: unknown) => log.warn({ code: errorCode(e) }, 'could not say a rule action gave up'));
  }

  /**
   * Records one action's outcome and moves the firing on, if this process still holds it. `moved`
   * false: it holds it no more, or the action waits for another try. `failed`: its database part
   * failed (and was undone alone), to be said in the channel.
   */
  async function record(
    item: ClaimedItem,
    firing: RuleFiring,
    index: number,
    outcome: Outcome | InTx,
  ): Promise<{ moved: boolean; failed?: string }> {
    const now = clock.now();
    return store.transaction(async (tx) => {
      if (!(await item.holds(tx))) return { moved: false };
      let said: Outcome = outcome as Outcome;
      if (typeof outcome === 'function') {
        try {
          said = { outcome: await tx.transaction(outcome) };
        } catch (error) {
          said = { outcome: 'failed', code: errorCode(error) };
        }
      }
      if ('retryAt' in said) {
        await tx.ruleFirings.retryLater(firing.id, said.retryAt);
        return { moved: false };
      }
      const data: EntryData['rule_action'] = {
        rule: firing.rule,
        firingId: firing.id,
        action: firing.actions[index] as PlannedAction,
        outcome: said.outcome,
        ...(said.outcome === 'failed' ? { code: said.code } : {}),
      };
      await recorder.record(tx, entries.ruleAction({ incidentId: firing.incidentId, at: now }, data));
      const last = index === firing.actions.length - 1;
      const moved = await tx.ruleFirings.advance(firing.id, index, last ? null : now, now);
      return typeof outcome === 'function' && said.outcome === 'failed' ? { moved, failed: said.code } : { moved };
    });
  }

  const job: TimedJob = {
    name: 'rules',
    kind: 'ruleFiring',
    batch: 20,
    async work(item) {
      const firing = await store.ruleFirings.get(item.id);
      const incident = firing && (await store.incidents.get(firing.incidentId));
      if (!firing || !incident || firing.dueAt === null || firing.dueAt > item.now) {
        await item.complete(async () => undefined);
        return false;
      }
      // A rule on `declared` fires before the channel is made (set-up runs after the declaration's
      // transaction): its actions wait for it, as long as set-up takes, without counting a try.
      if (incident.channelId === null) {
        await item.complete((tx) => tx.ruleFirings.postpone(firing.id, item.now + CHANNEL_WAIT));
        return false;
      }
      let count = 0;
      for (let index = firing.nextAction; index < firing.actions.length; index++) {
        // Only the first action not recorded may have been done already (by a replica that died, or a try that failed).
        const mayExist = index === firing.nextAction && (item.takenOver || firing.attempts > 0);
        const outcome = await attempt(firing, incident, index, mayExist);
        const { moved, failed } = await record(item, firing, index, outcome);
        if (failed) await sayGaveUp(firing, incident, index, failed, mayExist);
        if (!moved) break;
        count++;
        firing.attempts = 0;
      }
      await item.complete(async () => undefined);
      return count;
    },
  };

  return { job };
}
