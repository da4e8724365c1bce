import type { Sql } from './sql';
import type { RecordedEntry, TimelineEntry } from '../timeline/timeline.types';
import type { IncidentRow } from './incidents.repository';

/** A row a lease claim took, with its owner before the claim and the columns the work is ordered by. */
export type LeasedRow = { leased_id: number; was_owner: string | null };

/** A resolved incident the full-text index found, with how well its words matched (higher is better). */
export type FoundRow = IncidentRow & { score: number };

/**
 * The statements whose SQL cannot be one text for both engines, each named for what it does.
 * Everything else in the repositories is written once (sql.ts). Each engine implements these in
 * its own folder: sqlite/statements.ts and postgres/statements.ts.
 */
export interface EngineStatements {
  /**
   * Takes the rows `picked` (a SELECT of `leased_id, was_owner`, with @-named parameters) by
   * setting their lease columns to @until and @owner; two replicas claiming at once get disjoint rows.
   */
  lease(
    sql: Sql,
    target: { table: string; key: string; until: string; owner: string; order: string },
    picked: string,
    values: Record<string, unknown>,
  ): Promise<LeasedRow[]>;
  /** Row locks the claim's SELECT takes where the engine has them (appended to it). */
  readonly lockPicked: string;
  /** SQL true when the text `column` is one of the JSON array of strings in parameter `param` (`@lane`). */
  inJsonArray(column: string, param: string): string;
  /** An alert group's next episode, and forgetting the last one's alerts, as one change. */
  startEpisode(sql: Sql, groupId: number, episode: number, declareKey: string | null): Promise<void>;
  /** The event queued once for each receiver URL, in the order given (one row per event and URL). */
  enqueueWebhooks(
    sql: Sql,
    event: { eventId: string; incidentId: number; type: string; body: string; at: number },
    urls: string[],
  ): Promise<void>;
  /** A live entry's new time, data and text, its old time and data added to its history; how many rows changed. */
  editTimelineEntry(
    sql: Sql,
    entry: RecordedEntry<TimelineEntry>,
    changed: { at: number; by: string | null },
  ): Promise<number>;
  /**
   * Resolved incidents (other than `exclude`) whose index (migration 0026) holds any of `words`
   * (letters and digits only) and numbered above `after`, the best `limit` by text relevance, the
   * title weighing most; or, `by` recent, the latest `limit`, newest first, their words scoring nothing.
   */
  searchResolved(
    sql: Sql,
    words: readonly string[],
    exclude: number,
    limit: number,
    by?: 'relevance' | 'recent',
    after?: number,
  ): Promise<FoundRow[]>;
  /** Which of `words` more than half of the incidents numbered above `after` hold. */
  commonWords(sql: Sql, words: readonly string[], after: number): Promise<Set<string>>;
}
