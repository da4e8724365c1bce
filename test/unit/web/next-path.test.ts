import { consolePath } from '../../../src/web/auth/next-path';

describe('where the console goes after a sign-in', () => {
  it.each([
    ['/', '/'],
    ['/incidents/12', '/incidents/12'],
    ['/insights?range=90d&by=week', '/insights?range=90d&by=week'],
    ['/incidents/12/../../insights', '/insights'],
  ])('keeps the console’s own path %s', (next, expected) => {
    expect(consolePath(next)).toBe(expected);
  });

  it.each([
    null,
    '',
    'incidents/12',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/\t/evil.example',
    '/\n/evil.example',
    '/login?next=//evil.example',
    '/logout',
    '/auth/callback?code=x',
    `/${'a'.repeat(2_001)}`,
  ])('sends %j to / instead', (next) => {
    expect(consolePath(next)).toBe('/');
  });
});
