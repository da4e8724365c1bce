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
    /** Every known name at once: lookups during a streamed read cannot use the busy connection. */
    async all() {
      const rows = await q.all<{ user_id: string; name: string }>('SELECT user_id, name FROM people');
      return new Map(rows.map((r) => [r.user_id, r.name]));
    },
  };
}
