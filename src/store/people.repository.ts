import type { Db } from './sqlite/db';

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;

/** Display names seen in Slack requests, so exports read "@alice" rather than "@U0123". */
export function createPeopleRepository({ db }: { db: Db }) {
  const upsert = db.prepare(
    'INSERT INTO people (user_id, name, updated_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at WHERE people.name <> excluded.name',
  );
  const get = db.prepare('SELECT name FROM people WHERE user_id = ?').pluck();
  const all = db.prepare('SELECT user_id, name FROM people');
  return {
    async remember(userId: string, name: string, now: number): Promise<void> {
      upsert.run(userId, name, now);
    },
    async nameOf(userId: string): Promise<string | undefined> {
      return get.get(userId) as string | undefined;
    },
    /** Every known name at once: lookups during a streamed read cannot use the busy connection. */
    async all(): Promise<Map<string, string>> {
      return new Map((all.all() as Array<{ user_id: string; name: string }>).map((r) => [r.user_id, r.name]));
    },
  };
}
