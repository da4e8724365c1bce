import type { Db } from './sqlite/db';

/** What the resolve form asks for the postmortem: a short summary and how many users were affected. */
export interface PostmortemFacts {
  summary: string | null;
  usersAffected: string | null;
}

export type PostmortemFactsRepository = ReturnType<typeof createPostmortemFactsRepository>;

export function createPostmortemFactsRepository({ db }: { db: Db }) {
  const get = db.prepare('SELECT summary, users_affected FROM incidents WHERE id = ?');
  const set = db.prepare('UPDATE incidents SET summary = ?, users_affected = ? WHERE id = ?');
  return {
    async get(incidentId: number): Promise<PostmortemFacts> {
      const row = get.get(incidentId) as { summary: string | null; users_affected: string | null } | undefined;
      return { summary: row?.summary ?? null, usersAffected: row?.users_affected ?? null };
    },
    async set(incidentId: number, facts: PostmortemFacts): Promise<void> {
      set.run(facts.summary, facts.usersAffected, incidentId);
    },
  };
}
