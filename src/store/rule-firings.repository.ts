import type { PlannedAction } from '../rules/actions';
import type { Sql } from './sql';

/** One firing of a rule on an incident (migrations/0023): the actions decided, and how far they got. */
export interface RuleFiring {
  id: number;
  incidentId: number;
  rule: string;
  occurrence: string;
  actions: PlannedAction[];
  /** The first action not yet done (or given up); actions.length when all are. */
  nextAction: number;
  /** Failed tries of the action at nextAction. */
  attempts: number;
  firedAt: number;
  dueAt: number | null;
  doneAt: number | null;
}

interface Row {
  id: number;
  incident_id: number;
  rule_name: string;
  occurrence: string;
  actions: string;
  next_action: number;
  attempts: number;
  fired_at: number;
  due_at: number | null;
  done_at: number | null;
}

const COLUMNS = 'id, incident_id, rule_name, occurrence, actions, next_action, attempts, fired_at, due_at, done_at';

const toFiring = (r: Row): RuleFiring => ({
  id: r.id,
  incidentId: r.incident_id,
  rule: r.rule_name,
  occurrence: r.occurrence,
  actions: JSON.parse(r.actions) as PlannedAction[],
  nextAction: r.next_action,
  attempts: r.attempts,
  firedAt: r.fired_at,
  dueAt: r.due_at,
  doneAt: r.done_at,
});

export type RuleFiringsRepository = ReturnType<typeof createRuleFiringsRepository>;

export function createRuleFiringsRepository(q: Sql) {
  return {
    /**
     * Records a firing unless this (rule, incident, occurrence) fired before: the one place
     * "exactly once" is decided, by the table's key. The id of the new firing, or null.
     */
    async fireOnce(f: {
      incidentId: number;
      rule: string;
      occurrence: string;
      actions: PlannedAction[];
      at: number;
    }): Promise<number | null> {
      const row = await q.one<{ id: number }>(
        `INSERT INTO rule_firings (incident_id, rule_name, occurrence, actions, fired_at, due_at)
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (rule_name, incident_id, occurrence) DO NOTHING RETURNING id`,
        [f.incidentId, f.rule, f.occurrence, JSON.stringify(f.actions), f.at],
      );
      return row?.id ?? null;
    },
    async get(id: number): Promise<RuleFiring | undefined> {
      const row = await q.one<Row>(`SELECT ${COLUMNS} FROM rule_firings WHERE id = $1`, [id]);
      return row && toFiring(row);
    },
    async of(incidentId: number): Promise<RuleFiring[]> {
      const rows = await q.all<Row>(`SELECT ${COLUMNS} FROM rule_firings WHERE incident_id = $1 ORDER BY id`, [
        incidentId,
      ]);
      return rows.map(toFiring);
    },
    /** The action at `from` is done (or given up): the next one is due at `dueAt`, or none when it was the last. */
    async advance(id: number, from: number, dueAt: number | null, at: number): Promise<boolean> {
      return (
        (await q.run(
          'UPDATE rule_firings SET next_action = next_action + 1, attempts = 0, due_at = $3, done_at = $4 WHERE id = $1 AND next_action = $2',
          [id, from, dueAt, dueAt === null ? at : null],
        )) === 1
      );
    },
    /** Not yet workable (the incident's channel is still being made): looked at again at `dueAt`, no try counted. */
    async postpone(id: number, dueAt: number): Promise<void> {
      await q.run('UPDATE rule_firings SET due_at = $2 WHERE id = $1 AND due_at IS NOT NULL', [id, dueAt]);
    },
    /** The action failed and is tried again at `dueAt`. */
    async retryLater(id: number, dueAt: number): Promise<void> {
      await q.run('UPDATE rule_firings SET attempts = attempts + 1, due_at = $2 WHERE id = $1', [id, dueAt]);
    },
    /** Open incidents, not recorded afterwards, with no update (or declaration) since `before`: `no_update_for` candidates. */
    async silentSince(before: number, rule: string): Promise<Array<{ incidentId: number; since: number }>> {
      return q.all(
        `SELECT i.id AS "incidentId", COALESCE(i.last_update_at, i.declared_at) AS since FROM incidents i
         WHERE i.resolved_at IS NULL AND i.retroactive = $3 AND COALESCE(i.last_update_at, i.declared_at) <= $1
         AND NOT EXISTS (SELECT 1 FROM rule_firings f WHERE f.incident_id = i.id AND f.rule_name = $2
           AND f.occurrence = 'silent:' || CAST(COALESCE(i.last_update_at, i.declared_at) AS TEXT))
         ORDER BY i.id LIMIT 200`,
        [before, rule, false],
      );
    },
    /** Open follow-ups due before `before` that have not fired `rule`: `followup_overdue` candidates. */
    async overdueFollowups(
      before: number,
      rule: string,
    ): Promise<Array<{ incidentId: number; followupId: number; ownerId: string | null }>> {
      return q.all(
        `SELECT f.incident_id AS "incidentId", f.id AS "followupId", f.owner_id AS "ownerId" FROM followups f
         WHERE f.done_at IS NULL AND f.due_at IS NOT NULL AND f.due_at <= $1
         AND NOT EXISTS (SELECT 1 FROM rule_firings r WHERE r.incident_id = f.incident_id AND r.rule_name = $2
           AND r.occurrence = 'followup:' || CAST(f.id AS TEXT))
         ORDER BY f.id LIMIT 200`,
        [before, rule],
      );
    },
  };
}
