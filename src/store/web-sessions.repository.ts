import type { Sql } from './sql';

/** A signed-in browser (migrations/0020): found by the hash of its cookie's id, never the id itself. */
export interface WebSession {
  idHash: string;
  userId: string;
  /** What the sign-out form carries, so another site cannot sign the person out. */
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

/** A sign-in between /login and Slack's redirect back. */
export interface WebSignIn {
  state: string;
  nonce: string;
  /** The console path to open once signed in. */
  next: string;
  expiresAt: number;
}

interface SessionRow {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export type WebSessionsRepository = ReturnType<typeof createWebSessionsRepository>;

export function createWebSessionsRepository(q: Sql) {
  return {
    async open(s: WebSession): Promise<void> {
      await q.run(
        'INSERT INTO web_sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [s.idHash, s.userId, s.csrfToken, s.createdAt, s.expiresAt],
      );
    },
    /** The session, unless it expired by `now` or was closed. */
    async find(idHash: string, now: number): Promise<WebSession | undefined> {
      const row = await q.one<SessionRow>(
        'SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM web_sessions WHERE id_hash = $1 AND expires_at > $2',
        [idHash, now],
      );
      return (
        row && {
          idHash: row.id_hash,
          userId: row.user_id,
          csrfToken: row.csrf_token,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
        }
      );
    },
    async close(idHash: string): Promise<void> {
      await q.run('DELETE FROM web_sessions WHERE id_hash = $1', [idHash]);
    },
    async beginSignIn(s: WebSignIn): Promise<void> {
      await q.run('INSERT INTO web_sign_ins (state, nonce, next_path, expires_at) VALUES ($1, $2, $3, $4)', [
        s.state,
        s.nonce,
        s.next,
        s.expiresAt,
      ]);
    },
    /** The sign-in of `state`, removed in the same statement: a state works once, and not after it expired. */
    async takeSignIn(state: string, now: number): Promise<WebSignIn | undefined> {
      const row = await q.one<{ state: string; nonce: string; next_path: string; expires_at: number }>(
        'DELETE FROM web_sign_ins WHERE state = $1 RETURNING state, nonce, next_path, expires_at',
        [state],
      );
      if (!row || row.expires_at <= now) return undefined;
      return { state: row.state, nonce: row.nonce, next: row.next_path, expiresAt: row.expires_at };
    },
    /** Drops what expired by `now`: sessions and sign-ins never finished. */
    async forgetExpired(now: number): Promise<void> {
      await q.run('DELETE FROM web_sessions WHERE expires_at <= $1', [now]);
      await q.run('DELETE FROM web_sign_ins WHERE expires_at <= $1', [now]);
    },
  };
}
