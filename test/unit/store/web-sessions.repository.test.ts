import type { Tx } from '../../../src/store';
import { STORE_ENGINES } from '../../support/store-engines';

describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))(
  "%s web console's sessions",
  (_name, makeEngine) => {
    const engine = makeEngine();
    let store: Tx;
    beforeEach(async () => {
      store = await engine.fresh();
    });
    afterAll(() => engine.end());

    const session = { idHash: 'h1', userId: 'U0ALICE', csrfToken: 'c1', createdAt: 1_000, expiresAt: 5_000 };

    it('finds a session until it expires or is closed', async () => {
      await store.webSessions.open(session);
      expect(await store.webSessions.find('h1', 4_999)).toEqual(session);
      expect(await store.webSessions.find('h1', 5_000)).toBeUndefined();
      expect(await store.webSessions.find('other', 2_000)).toBeUndefined();
      await store.webSessions.close('h1');
      expect(await store.webSessions.find('h1', 2_000)).toBeUndefined();
    });

    it('gives a sign-in back once, and not after it expired', async () => {
      await store.webSessions.beginSignIn({ state: 's1', nonce: 'n1', next: '/insights', expiresAt: 3_000 });
      await store.webSessions.beginSignIn({ state: 's2', nonce: 'n2', next: '/', expiresAt: 3_000 });
      expect(await store.webSessions.takeSignIn('s1', 2_000)).toEqual({
        state: 's1',
        nonce: 'n1',
        next: '/insights',
        expiresAt: 3_000,
      });
      expect(await store.webSessions.takeSignIn('s1', 2_000)).toBeUndefined();
      expect(await store.webSessions.takeSignIn('s2', 3_000)).toBeUndefined();
    });

    it('forgets what expired, and only that', async () => {
      await store.webSessions.open(session);
      await store.webSessions.open({ ...session, idHash: 'h2', expiresAt: 9_000 });
      await store.webSessions.beginSignIn({ state: 's1', nonce: 'n1', next: '/', expiresAt: 5_000 });
      await store.webSessions.forgetExpired(5_000);
      expect(await store.webSessions.find('h1', 0)).toBeUndefined();
      expect(await store.webSessions.find('h2', 0)).toMatchObject({ userId: 'U0ALICE' });
      expect(await store.webSessions.takeSignIn('s1', 0)).toBeUndefined();
    });
  },
);
