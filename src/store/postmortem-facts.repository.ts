import type { Sql } from './sql';

/** What the resolve form asks for the postmortem: a short summary and how many users were affected. */
export interface PostmortemFacts {
  summary: string | null;
  usersAffected: string | null;
}

export type PostmortemFactsRepository = ReturnType<typeof createPostmortemFactsRepository>;

export function createPostmortemFactsRepository(q: Sql) {
  return {
    async get(incidentId: number): Promise<PostmortemFacts> {
      const row = await q.one<{ summary: string | null; users_affected: string | null }>(
        'SELECT summary, users_affected FROM incidents WHERE id = $1',
        [incidentId],
      );
      return { summary: row?.summary ?? null, usersAffected: row?.users_affected ?? null };
    },
    async set(incidentId: number, facts: PostmortemFacts) {
      await q.run('UPDATE incidents SET summary = $1, users_affected = $2 WHERE id = $3', [
        facts.summary,
        facts.usersAffected,
        incidentId,
      ]);
    },
  };
}
