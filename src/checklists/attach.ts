import type { Policy } from '../config/policy';
import type { AfterChange } from '../incidents/after-change';
import type { Tx } from '../store';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import { listsToAttach } from './conditions';

export interface AttachDeps {
  policy: Policy;
  recorder: Recorder;
}

/** Who attaches a list and when: the change's actor (null: Commander or an alert), and a rule's name when a rule did. */
export interface AttachedBy {
  at: number;
  actorId: string | null;
  rule?: string;
}

type AttachTx = Pick<Tx, 'checklists' | 'timeline' | 'transaction' | 'afterCommit'>;

/**
 * Attaches the policy's list `listId` to the incident, in the caller's transaction: its items are
 * copied, the attachment goes on the timeline and the checklist message is due. At most once per
 * incident and list, whoever asks (the policy's condition, a rule, a replica doing the same at the
 * same moment): true only for the call that attached it. Throws for a list the policy lacks.
 */
export async function attachChecklist(
  deps: AttachDeps,
  tx: AttachTx,
  incidentId: number,
  listId: string,
  by: AttachedBy,
): Promise<boolean> {
  const list = deps.policy.checklists.lists.find((l) => l.id === listId);
  if (!list) throw new Error(`the policy has no checklist "${listId}"`);
  const attached = await tx.checklists.attach(
    {
      incidentId,
      listId,
      title: list.title,
      onResolve: list.onResolve ?? deps.policy.checklists.onResolve,
      attachedAt: by.at,
      attachedBy: by.actorId,
    },
    list.items.map((item) => ({ ...item, ownerId: null })),
  );
  if (!attached) return false;
  await deps.recorder.record(
    tx,
    entries.checklistAttached(
      { incidentId, at: by.at, actorId: by.actorId },
      { listId, title: list.title, items: list.items.length, ...(by.rule ? { rule: by.rule } : {}) },
    ),
  );
  await tx.checklists.touch(incidentId, by.at);
  return true;
}

/**
 * The after-change listener: every list whose condition the incident now meets and that it does
 * not have yet is attached, in the change's own transaction (so a crash attaches nothing or all of
 * it, with the change). Lists are never taken away: a condition that stops holding changes nothing.
 * `attached` is told of each attachment once the change has committed (to bring the message up).
 */
export function planChecklists(deps: AttachDeps & { attached?: (incidentId: number) => void }): AfterChange {
  return async (incident, facts, tx) => {
    const lists = deps.policy.checklists.lists;
    if (incident.retroactive || lists.length === 0) return;
    const services = await tx.incidentServices.of(incident.id);
    const held = new Set((await tx.checklists.listsOf(incident.id)).map((l) => l.listId));
    const now = {
      severity: incident.severity,
      services,
      type: incident.type,
      isPrivate: incident.isPrivate,
      resolved: incident.resolvedAt !== null,
    };
    let any = false;
    for (const list of listsToAttach(lists, held, now))
      any = (await attachChecklist(deps, tx, incident.id, list.id, { at: facts.at, actorId: facts.actorId })) || any;
    const told = deps.attached;
    if (any && told) tx.afterCommit(() => told(incident.id));
  };
}
