import type { PersonFacts, PersonKind } from '../people/person-facts';
import type { Sql } from './sql';

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;

/** Display names seen in Slack requests, so exports read "@alice" rather than "@U0123". */
export function createPeopleRepository(q: Sql) {
  return {
    async remember(userId: string, name: string, now: number) {
      await q.run(
        'INSERT INTO people (user_id, name, updated_at) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at WHERE people.name <> excluded.name',
        [userId, name, now],
      );
    },
    async nameOf(userId: string) {
      return (await q.one<{ name: string }>('SELECT name FROM people WHERE user_id = $1', [userId]))?.name;
    },
    /** What Slack last said about the person (migration 0024); undefined when it never said. */
    async facts(userId: string): Promise<PersonFacts | undefined> {
      const row = await q.one<{ kind: PersonKind | null; tz: string | null; facts_at: number | null }>(
        'SELECT kind, tz, facts_at FROM people WHERE user_id = $1',
        [userId],
      );
      return row?.kind && row.facts_at !== null ? { kind: row.kind, tz: row.tz, at: row.facts_at } : undefined;
    },
    /** Keeps what Slack said; `name` is used only for a person not seen in a request yet. */
    async learnFacts(userId: string, name: string, facts: PersonFacts) {
      await q.run(
        `INSERT INTO people (user_id, name, updated_at, kind, tz, facts_at) VALUES ($1, $2, $3, $4, $5, $3)
         ON CONFLICT (user_id) DO UPDATE SET kind = excluded.kind, tz = excluded.tz, facts_at = excluded.facts_at`,
        [userId, name, facts.at, facts.kind, facts.tz],
      );
    },
    /** Every time zone Slack gave (migration 0024), by user id: what figures about many people read at once. */
    async zones() {
      const rows = await q.all<{ user_id: string; tz: string }>('SELECT user_id, tz FROM people WHERE tz IS NOT NULL');
      return new Map(rows.map((r) => [r.user_id, r.tz]));
    },
    /** Every known name at once: lookups during a streamed read cannot use the busy connection. */
    async all() {
      const rows = await q.all<{ user_id: string; name: string }>('SELECT user_id, name FROM people');
      return new Map(rows.map((r) => [r.user_id, r.name]));
    },
  };
}
