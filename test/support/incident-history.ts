import type { Policy } from '../../src/config/policy';
import { POSTMORTEM_STEPS, postmortemRequired, stepDeadlines } from '../../src/postmortem/requirement';
import type { Tx } from '../../src/store';
import { entries } from '../../src/timeline/entries';
import { plainRecorder } from './recorder';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A small deterministic generator, so a seeded history is the same on every run and engine. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    chance: (p: number) => next() < p,
    int: (from: number, to: number) => from + Math.floor(next() * (to - from + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
  };
}

const PEOPLE = ['UANA', 'UBEN', 'UCAT', 'UDAN', 'UEVE'];
const STATUSES = ['investigating', 'identified', 'mitigating', 'monitoring'] as const;

/**
 * A history of `count` incidents told through the repositories and the recorder, as the app writes
 * them: updates, severity changes, reminders and escalations at any hour, acknowledgements, key-time
 * corrections, follow-ups, postmortem steps on time and late, private incidents and drills.
 */
export async function seedHistory(
  store: Tx,
  policy: Policy,
  o: { count: number; start: number; now: number; seed?: number },
) {
  const r = seededRandom(o.seed ?? 28);
  const record = (entry: Parameters<typeof plainRecorder.record>[1]) => plainRecorder.record(store, entry);
  for (let n = 0; n < o.count; n++) {
    const declaredAt = o.start + n * 5 * HOUR + r.int(0, 59) * MIN;
    const severity = r.pick(['SEV1', 'SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV4']);
    const type = r.chance(0.08) ? 'drill' : r.chance(0.1) ? 'security' : 'incident';
    const isPrivate = r.chance(0.1);
    const commanderId = r.pick(PEOPLE);
    const declaredBy = r.pick(PEOPLE);
    const { incident } = await store.incidents.insertOnce({
      declareKey: `history-${n}`,
      title: `Incident ${n} ${r.pick(['checkout errors', 'slow search', 'login failures', 'queue backlog'])}`,
      severity,
      impact: `Customers affected (${n})`,
      commanderId,
      declaredBy,
      declaredAt,
      sourceViewId: null,
      isPrivate,
      type,
    });
    const id = incident.id;
    await store.incidents.update(id, { channelId: `CH${n}`, channelName: `inc-${n}` });
    await record(entries.declared({ incidentId: id, at: declaredAt, actorId: declaredBy }, { ...incident, isPrivate }));
    if (r.chance(0.15)) {
      const to = r.pick(['SEV1', 'SEV2', 'SEV3', 'SEV4'].filter((s) => s !== severity));
      await record(
        entries.severityChanged(
          { incidentId: id, at: declaredAt + r.int(1, 40) * MIN, actorId: commanderId },
          { from: severity, to, reason: '' },
        ),
      );
      await store.incidents.update(id, { severity: to });
    }
    if (r.chance(0.6))
      await store.incidents.update(id, {
        acknowledgedAt: declaredAt + r.int(0, 30) * MIN,
        acknowledgedBy: commanderId,
      });
    else if (r.chance(0.5))
      await record(
        entries.note(
          { incidentId: id, at: declaredAt + r.int(1, 50) * MIN, actorId: commanderId },
          { source: `looking (${n})`, body: [`looking (${n})`] },
          `note-${n}`,
        ),
      );
    let at = declaredAt;
    for (let u = 0, updates = r.int(0, 4); u < updates; u++) {
      at += r.int(5, 70) * MIN;
      const status = STATUSES[Math.min(u, STATUSES.length - 1)] as (typeof STATUSES)[number];
      const update = await store.statusUpdates.insert({
        incidentId: id,
        requestKey: `u-${n}-${u}`,
        status,
        summary: `Update ${u} of ${n}`,
        impact: '',
        nextSteps: '',
        authorId: commanderId,
        postedAt: at,
      });
      await record(
        entries.statusUpdate(
          { incidentId: id, at, actorId: commanderId },
          {
            from: 'investigating',
            to: status,
            summary: update.summary,
            impact: '',
            nextSteps: '',
            updateId: update.id,
          },
        ),
      );
    }
    for (let k = 0, reminders = r.int(0, 3); k < reminders; k++)
      await record(
        entries.reminderSent(
          { incidentId: id, at: declaredAt + r.int(1, 24 * 60) * MIN },
          { to: commanderId, reminder: k + 1, sinceLastUpdate: HOUR },
        ),
      );
    for (let k = 0, escalations = r.int(0, 2); k < escalations; k++)
      await record(
        entries.escalated(
          { incidentId: id, at: declaredAt + r.int(1, 24 * 60) * MIN },
          {
            level: 'secondary',
            users: PEOPLE.slice(0, r.int(1, 2)),
            usergroup: r.chance(0.3) ? 'SOPS' : null,
            missed: 2,
          },
        ),
      );
    if (r.chance(0.2))
      await record(
        entries.acknowledgementOverdue(
          { incidentId: id, at: declaredAt + r.int(5, 600) * MIN },
          { commanderId, within: 5 * MIN },
        ),
      );
    if (r.chance(0.1)) await store.keyTimes.correct(id, 'impactStarted', declaredAt - r.int(1, 90) * MIN);
    for (let k = 0, followups = r.int(0, 3); k < followups; k++) {
      const { followup } = await store.followups.add({
        incidentId: id,
        requestKey: `f-${n}-${k}`,
        text: `Follow-up ${k} of ${n}`,
        ownerId: r.chance(0.8) ? r.pick(PEOPLE) : null,
        createdBy: commanderId,
        createdAt: declaredAt,
        dueAt: r.chance(0.7) ? o.now + r.int(-30, 30) * 24 * HOUR : null,
      });
      if (r.chance(0.4)) await store.followups.markDone(followup.id, declaredAt + 2 * HOUR);
    }
    if (r.chance(0.85)) {
      const resolvedAt = Math.max(at, declaredAt) + r.int(10, 600) * MIN;
      const resolved = await store.incidents.update(id, { status: 'resolved', resolvedAt, resolution: `Fixed (${n})` });
      await record(
        entries.resolved(
          { incidentId: id, at: resolvedAt, actorId: commanderId },
          { from: 'monitoring', resolution: `Fixed (${n})`, rootCause: null, declaredAt },
        ),
      );
      if (postmortemRequired(policy, resolved)) {
        const due = stepDeadlines(policy, resolvedAt);
        for (const step of POSTMORTEM_STEPS)
          if (r.chance(0.8))
            await record(
              entries.postmortemStepDone(
                { incidentId: id, at: due[step] + (r.chance(0.7) ? -HOUR : HOUR), actorId: commanderId },
                { step },
              ),
            );
      }
    }
  }
}
