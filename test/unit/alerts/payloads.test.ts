import fs from 'node:fs';
import path from 'node:path';
import { parseNotification } from '../../../src/alerts/payloads';

const sample = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../fixtures/alerts', name), 'utf8'));

describe('alert payloads', () => {
  it('reads Alertmanager’s own test notification: group key, status, labels and fingerprint', () => {
    const parsed = parseNotification('alertmanager', sample('alertmanager-exec-testdata.json'));
    expect(parsed).toEqual({
      ok: true,
      notification: expect.objectContaining({
        groupKey: '1',
        status: 'firing',
        labels: { Message: 'message' },
        alerts: [{ fingerprint: '4ea129fd903f0e45', status: 'firing', name: 'alert', link: null }],
      }),
    });
  });

  it('makes a stable fingerprint from the labels when a sender gives none', () => {
    const body = sample('alertmanager-firing.json') as { alerts: Array<Record<string, unknown>> };
    delete body.alerts[0]!.fingerprint;
    const first = parseNotification('alertmanager', body);
    const second = parseNotification('alertmanager', body);
    if (!first.ok || !second.ok) throw new Error('not parsed');
    expect(first.notification.alerts[0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(first.notification.alerts[0]!.fingerprint).toBe(second.notification.alerts[0]!.fingerprint);
  });

  it('says in one line what is wrong with a body', () => {
    expect(parseNotification('grafana', { status: 'firing', groupKey: 'g', alerts: [] })).toEqual({
      ok: false,
      reason: 'alerts: alerts is empty',
    });
    expect(parseNotification('alertmanager', { status: 'burning', groupKey: 'g', alerts: [] })).toEqual({
      ok: false,
      reason: 'status: must be "firing" or "resolved"',
    });
    expect(parseNotification('generic', { title: 'x', link: 'javascript:alert(1)' })).toEqual({
      ok: false,
      reason: 'link: link must be an http(s) URL',
    });
    expect(parseNotification('generic', { title: 'x', extra: 1 })).toMatchObject({ ok: false });
  });

  it('keys a generic alert by its dedupKey, or its title without one', () => {
    const keyed = parseNotification('generic', { title: 'Disk full', dedupKey: 'disk-7' });
    const titled = parseNotification('generic', {
      title: 'Disk full',
      severity: 'warning',
      labels: { team: 'storage' },
    });
    expect(keyed.ok && keyed.notification.groupKey).toBe('disk-7');
    expect(titled.ok && titled.notification).toMatchObject({
      groupKey: 'Disk full',
      labels: { team: 'storage', severity: 'warning' },
    });
  });
});
