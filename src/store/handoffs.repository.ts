import type { Followup } from '../timeline/timeline.types';
import { type FollowupRow, toFollowup } from './followups.repository';
import type { Sql } from './sql';

/** A change of a rotation's primary (migrations/0027), and whether its briefing went out. */
export interface Handoff {
  id: number;
  rotation: string;
  at: number;
  outgoing: string | null;
  incoming: string;
  /** When the shift that ended began: the briefing's "incidents of the shift" start here. */
  since: number;
  dueAt: number | null;
  sentAt: number | null;
  /** What the outgoing primary wrote for the incoming one, as typed (migrations/0030); null: nothing. */
  notes: string | null;
  /** Set when the briefing job read the notes: later notes are refused, so the writer can be told. */
  notesClosedAt: number | null;
  /** When the outgoing primary is asked for notes; null once asked or given up. */
  promptDueAt: number | null;
}

interface Row {
  id: number;
  rotation: string;
  at: number;
  outgoing: string | null;
  incoming: string;
  since: number;
  due_at: number | null;
  sent_at: number | null;
  notes: string | null;
  notes_closed_at: number | null;
  prompt_due_at: number | null;
}

const toHandoff = (r: Row): Handoff => ({
  id: r.id,
  rotation: r.rotation,
  at: r.at,
  outgoing: r.outgoing,
  incoming: r.incoming,
  since: r.since,
  dueAt: r.due_at,
  sentAt: r.sent_at,
  notes: r.notes,
  notesClosedAt: r.notes_closed_at,
  promptDueAt: r.prompt_due_at,
});

export type HandoffsRepository = ReturnType<typeof createHandoffsRepository>;

export function createHandoffsRepository(q: Sql) {
  return {
    /**
     * Records a hand-off, its briefing due at its time and the outgoing primary asked for notes at
     * `promptAt` (null: not asked); nothing when it is recorded already (another replica, an earlier tick).
     */
    async record(
      h: Pick<Handoff, 'rotation' | 'at' | 'outgoing' | 'incoming' | 'since'>,
      promptAt: number | null = null,
    ): Promise<boolean> {
      return (
        (await q.run(
          `INSERT INTO handoffs (rotation, at, outgoing, incoming, since, due_at, prompt_due_at) VALUES ($1, $2, $3, $4, $5, $2, $6)
           ON CONFLICT (rotation, at) DO NOTHING`,
          [h.rotation, h.at, h.outgoing, h.incoming, h.since, promptAt],
        )) === 1
      );
    },
    async get(id: number): Promise<Handoff | undefined> {
      const row = await q.one<Row>(
        `SELECT id, rotation, at, outgoing, incoming, since, due_at, sent_at, notes, notes_closed_at, prompt_due_at
         FROM handoffs WHERE id = $1`,
        [id],
      );
      return row && toHandoff(row);
    },
    /** The outgoing primary's notes, kept unless the briefing already read them; false then (or not theirs). */
    async saveNotes(id: number, by: string, notes: string, at: number): Promise<boolean> {
      return (
        (await q.run(
          'UPDATE handoffs SET notes = $3, notes_at = $4 WHERE id = $1 AND outgoing = $2 AND notes_closed_at IS NULL',
          [id, by, notes, at],
        )) === 1
      );
    },
    /** No notes taken after this: the briefing reads them next. */
    async closeNotes(id: number, at: number): Promise<void> {
      await q.run('UPDATE handoffs SET notes_closed_at = COALESCE(notes_closed_at, $2) WHERE id = $1', [id, at]);
    },
    /** The outgoing primary was asked for notes (or not, `sentAt` null: too late): due no more. */
    async promptDone(id: number, sentAt: number | null): Promise<void> {
      await q.run('UPDATE handoffs SET prompt_due_at = NULL, prompt_sent_at = $2 WHERE id = $1', [id, sentAt]);
    },
    /** Sent (or given up, `sentAt` null): due no more. */
    async done(id: number, sentAt: number | null): Promise<void> {
      await q.run('UPDATE handoffs SET due_at = NULL, sent_at = $2 WHERE id = $1', [id, sentAt]);
    },
    /** Alert notifications received in [from, to), counted by what became of them (null: not processed yet). */
    async alertOutcomes(from: number, to: number): Promise<Array<{ outcome: string | null; count: number }>> {
      return q.all<{ outcome: string | null; count: number }>(
        'SELECT outcome, COUNT(*) AS count FROM alert_notifications WHERE received_at >= $1 AND received_at < $2 GROUP BY outcome',
        [from, to],
      );
    },
    /** Open follow-ups due before `before` (overdue ones included), the earliest first. */
    async followupsDueBefore(before: number, limit = 50): Promise<Followup[]> {
      const rows = await q.all<FollowupRow>(
        `SELECT id, incident_id, text, owner_id, created_by, created_at, done_at, due_at FROM followups
         WHERE done_at IS NULL AND due_at IS NOT NULL AND due_at < $1 ORDER BY due_at, id LIMIT $2`,
        [before, limit],
      );
      return rows.map(toFollowup);
    },
  };
}
