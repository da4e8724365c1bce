import { DEFAULT_POLICY } from '../../../src/config/policy';
import type { ConversationPort } from '../../../src/incidents/conversation.port';
import { createJobs } from '../../../src/jobs/jobs';
import { createLogger } from '../../../src/logger';
import { createStore } from '../../../src/store';
import { openDatabase } from '../../../src/store/db';
import { migrate } from '../../../src/store/migrate';

describe('a scheduler tick', () => {
  test('lets a request that arrives during the tick in between its jobs, not only after the last', async () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const events: string[] = [];
    // Each job resolves at once, as every store call does on SQLite.
    const job = (name: string, result: unknown) => async () => {
      events.push(name);
      return result;
    };
    const jobs = createJobs({
      reminders: { tick: job('reminders', 0) as () => Promise<number> },
      escalations: { tick: job('escalations', 0) as () => Promise<number> },
      incidents: { retryDueSetups: job('setups', []) as never },
      alerts: { drain: job('alerts', 0) as () => Promise<number> },
      nudges: { tick: job('nudges', 0) as () => Promise<number> },
      webhooks: { deliverSoon: () => events.push('webhooks') },
      archiving: {
        store: createStore(db),
        conversation: {} as ConversationPort,
        policy: DEFAULT_POLICY,
        clock: { now: () => Date.UTC(2026, 11, 2) },
        logger: createLogger('silent'),
      },
      logger: createLogger('silent'),
    });

    const ticked = jobs.tick();
    // What the event loop holds when the tick starts: here, an incoming request's callback.
    setImmediate(() => events.push('request answered'));
    await ticked;
    db.close();

    expect(events.indexOf('request answered')).toBeGreaterThan(events.indexOf('reminders'));
    expect(events.indexOf('request answered')).toBeLessThan(events.indexOf('escalations'));
    expect(events.filter((e) => e !== 'request answered')).toEqual([
      'reminders',
      'escalations',
      'setups',
      'alerts',
      'nudges',
      'webhooks',
    ]);
  });
});
