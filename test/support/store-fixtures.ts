import type { AlertNotification } from '../../src/alerts/alert.types';
import type { Tx } from '../../src/store';
import { emptyReminder } from '../../src/reminders/reminder.types';

/** An incident as the store's insertOnce takes it, named by its key. */
export const newIncident = (key: string, at = 0) => ({
  declareKey: key,
  title: `Incident ${key}`,
  severity: 'SEV2',
  impact: '',
  commanderId: 'UBOB',
  declaredBy: 'UALICE',
  declaredAt: at,
  sourceViewId: null,
});

/** `count` incidents whose reminders fell due just before `now`, oldest first; their ids. Keys start with `prefix`. */
export async function seedDueReminders(store: Tx, count: number, now: number, prefix = 'K'): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const { incident } = await store.incidents.insertOnce(newIncident(`${prefix}${i}`, now));
    ids.push(incident.id);
    await store.reminders.save({ ...emptyReminder(incident.id), dueAt: now - 10 + i });
  }
  return ids;
}

/** A promise the test settles when it wants, to hold a transaction open across other flows' calls. */
export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** A generic alert notification, firing, as the intake records it. */
export const firingNotification: AlertNotification = {
  kind: 'generic',
  groupKey: 'db-down',
  status: 'firing',
  labels: { service: 'db' },
  annotations: {},
  title: 'DB down',
  description: '',
  link: null,
  alerts: [{ fingerprint: 'f1', status: 'firing', name: 'DB down', link: null }],
};
