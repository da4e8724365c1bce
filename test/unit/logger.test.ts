import { maskSecrets } from '../../src/logger';

describe('maskSecrets', () => {
  it('masks Slack tokens in free text', () => {
    expect(maskSecrets('token xoxb-123-456-abc and xapp-1-A1-2-def')).toBe('token xox?-[redacted] and xapp-[redacted]');
  });

  it('masks the user name and password of any URL, keeping the host to debug with', () => {
    expect(
      maskSecrets('Could not reach Slack at https://proxy-user:hunter2@slack.example.com/api/ (network error)'),
    ).toBe('Could not reach Slack at https://[redacted]@slack.example.com/api/ (network error)');
    expect(maskSecrets('http://token@127.0.0.1:9/x and mailto-free text a@b.c')).toBe(
      'http://[redacted]@127.0.0.1:9/x and mailto-free text a@b.c',
    );
  });
});
