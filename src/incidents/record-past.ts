import { findSeverity } from '../config/policy';
import { hasVisibleText } from '../text/clean-text';
import { entries } from '../timeline/entries';
import type { SetupResult } from './declare';
import { requireType } from './incident-types';
import type { IncidentsDeps } from './incidents.deps';
import { IncidentError, quoted } from './incidents.errors';
import { TAKING_A_NUMBER } from './incident-numbers';

/** An incident that already ended, as `/incident record` takes it. */
export interface PastIncidentInput {
  /** Idempotency key: the same key never records a second incident (a double-submitted form). */
  key: string;
  title: string;
  severity: string;
  type?: string;
  startedAt: number;
  endedAt: number;
  /** What happened and how it ended: the resolution. */
  summary: string;
  recordedBy: string;
  /** Whether it gets a channel (with its kick-off, never an announcement). */
  createChannel: boolean;
}

export type PastTimeField = 'startedAt' | 'endedAt';

/** The first time that cannot be right for an incident that already ended, on the field it belongs to. */
export function pastTimesProblem(
  t: { startedAt: number; endedAt: number },
  now: number,
): { field: PastTimeField; message: string } | null {
  if (t.startedAt > now) return { field: 'startedAt', message: 'This time is in the future.' };
  if (t.endedAt > now)
    return { field: 'endedAt', message: 'This time is in the future: declare an incident that is still going on.' };
  if (t.endedAt <= t.startedAt) return { field: 'endedAt', message: 'The end must come after the start.' };
  return null;
}

export class PastTimeError extends IncidentError {
  constructor(readonly problem: { field: PastTimeField; message: string }) {
    super('invalid_input', problem.message);
  }
}

/**
 * Records an incident after it ended: numbered like any other, declared and resolved at the times
 * typed in (so the key times and the postmortem read them), on the timeline at those times, and
 * marked retroactive so that no reminder, escalation or acknowledgement request is ever planned
 * for it. The hook (afterChange) is not called: nothing that follows a live change applies. Its
 * channel, if asked for, is set up as a declaration's is, but not announced.
 */
export function createRecordPast(
  deps: IncidentsDeps,
  setUp: (incidentId: number) => Promise<SetupResult>,
): (input: PastIncidentInput) => Promise<SetupResult & { created: boolean }> {
  const { store, recorder, policy, clock, logger } = deps;
  return async (input) => {
    const severity = findSeverity(policy, input.severity);
    if (!severity) throw new IncidentError('unknown_severity', `Unknown severity ${quoted(input.severity)}.`);
    const title = input.title.trim();
    if (!hasVisibleText(title))
      throw new IncidentError('invalid_input', 'An incident needs a title with something to read in it.');
    const type = requireType(policy, input.type);
    const summary = input.summary.trim();
    const now = clock.now();
    const problem = pastTimesProblem(input, now);
    if (problem) throw new PastTimeError(problem);
    const { incident, created } = await store.transaction(async (tx) => {
      const result = await tx.incidents.insertOnce({
        declareKey: input.key,
        title,
        severity: severity.id,
        impact: '',
        commanderId: input.recordedBy,
        declaredBy: input.recordedBy,
        declaredAt: input.startedAt,
        sourceViewId: null,
        isPrivate: type.private,
        type: type.id,
        past: { resolvedAt: input.endedAt, resolution: summary, setupDoneAt: input.createChannel ? null : now },
      });
      if (!result.created) return result;
      const id = result.incident.id;
      const by = { incidentId: id, actorId: input.recordedBy };
      await recorder.record(tx, entries.declared({ ...by, at: input.startedAt }, result.incident));
      await recorder.record(
        tx,
        entries.resolved(
          { ...by, at: input.endedAt },
          { from: 'investigating', resolution: summary, rootCause: null, declaredAt: input.startedAt },
        ),
      );
      // Announcing an incident that is over would read as news; its channel is for the postmortem.
      await tx.incidents.markStepDone(id, 'announce', now);
      return result;
    }, TAKING_A_NUMBER);
    if (created) logger.info({ incidentId: incident.id, type: incident.type }, 'past incident recorded');
    if (!input.createChannel || incident.setupDoneAt !== null) return { incident, problems: [], created };
    return { ...(await setUp(incident.id)), created };
  };
}

export type RecordPast = ReturnType<typeof createRecordPast>;
