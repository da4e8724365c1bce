import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock';
import type { Store } from '../../store';

/** A random value people cannot guess: 256 bits, base64url. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Sessions are stored by this, so the table alone lets no one in. */
const hashOf = (id: string): string => createHash('sha256').update(id).digest('base64url');

export interface SignedIn {
  userId: string;
  csrfToken: string;
  idHash: string;
}

/** Signed-in browsers, kept in the store for `sessionFor` (policy `web.sessionFor`). */
export function createSessions(o: { store: Pick<Store, 'webSessions'>; clock: Clock; sessionFor: number }) {
  const { store, clock } = o;
  return {
    sessionFor: o.sessionFor,
    /** A new session for the person; the cookie's value (the id) is returned, never stored. */
    async open(userId: string): Promise<string> {
      const id = randomToken();
      const now = clock.now();
      await store.webSessions.forgetExpired(now);
      await store.webSessions.open({
        idHash: hashOf(id),
        userId,
        csrfToken: randomToken(),
        createdAt: now,
        expiresAt: now + o.sessionFor,
      });
      return id;
    },
    async find(id: string | undefined): Promise<SignedIn | undefined> {
      if (!id || id.length > 100) return undefined;
      const found = await store.webSessions.find(hashOf(id), clock.now());
      return found && { userId: found.userId, csrfToken: found.csrfToken, idHash: found.idHash };
    },
    async close(session: SignedIn): Promise<void> {
      await store.webSessions.close(session.idHash);
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;

/** Whether a form's token is the session's, compared in constant time. */
export function sameToken(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
