import { cookieValue, setCookie } from '../../../src/web/auth/cookies';

describe('the console’s cookies', () => {
  it('are HttpOnly and SameSite=Lax, Secure only over https, and removed with a zero age', () => {
    expect(setCookie('commander_session', 'abc', { secure: false, maxAgeMs: 12 * 3_600_000 })).toBe(
      'commander_session=abc; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax',
    );
    expect(setCookie('commander_session', 'abc', { secure: true, maxAgeMs: 1_000 })).toMatch(/; Secure$/);
    expect(setCookie('commander_session', '', { secure: true, maxAgeMs: 0 })).toContain('Max-Age=0');
  });

  it('are read by exact name among the others a browser sends', () => {
    const header = 'xcommander_session=nope; commander_session=abc-123; other=1';
    expect(cookieValue(header, 'commander_session')).toBe('abc-123');
    expect(cookieValue(header, 'missing')).toBeUndefined();
    expect(cookieValue(undefined, 'commander_session')).toBeUndefined();
  });
});
