import type { Tx } from '../store';
import type { AlertItem } from './alert.types';

/** The alerts of a notification that changed since the group's last one. */
export interface Changes {
  /** Newly firing; `again`: it had resolved before. */
  firing: Array<AlertItem & { again: boolean }>;
  resolved: AlertItem[];
}

/**
 * Records which alerts changed since the last notification of this episode, in the caller's
 * transaction (a repeat changes nothing, so it is recorded and announced once); returns them.
 */
export async function compareWithLast(tx: Tx, groupId: number, alerts: AlertItem[]): Promise<Changes> {
  const seen = await tx.alerts.fingerprints(groupId);
  const firing: Changes['firing'] = [];
  const resolved: AlertItem[] = [];
  for (const alert of alerts) {
    const before = seen.get(alert.fingerprint);
    if (before === alert.status) continue;
    seen.set(alert.fingerprint, alert.status);
    await tx.alerts.saveFingerprint(groupId, alert.fingerprint, alert.status);
    if (alert.status === 'firing') firing.push({ ...alert, again: before === 'resolved' });
    else resolved.push(alert);
  }
  return { firing, resolved };
}
