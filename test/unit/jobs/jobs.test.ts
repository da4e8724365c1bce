import { createJobs } from '../../../src/jobs/jobs';
import { createLogger } from '../../../src/logger';
import type { TimedJob } from '../../../src/timers/timed-job';

describe('a scheduler tick', () => {
  test('lets a request that arrives during the tick in between its jobs, not only after the last', async () => {
    const events: string[] = [];
    const idle = (name: string): TimedJob => ({ name, kind: 'reminder', batch: 1, work: async () => false });
    const jobs = createJobs({
      runner: {
        run: async (job: TimedJob) => {
          events.push(job.name);
          return 0;
        },
      },
      timed: {
        reminders: idle('reminders'),
        escalations: idle('escalations'),
        archived: idle('archived'),
        setups: idle('setups'),
        postmortemNudges: idle('postmortem nudges'),
        followupNudges: idle('follow-up nudges'),
        maintenance: idle('maintenance'),
        commsClock: idle('comms clock'),
        checklistMessages: idle('checklist messages'),
        rules: idle('rules'),
        handoffs: idle('hand-offs'),
        handoffNotes: idle('hand-off notes'),
        commanderBriefings: idle('commander briefings'),
        followNotices: idle('follow notices'),
        weeklyDigest: idle('weekly digest'),
      },
      handoffChanges: {
        find: async () => {
          events.push('hand-off changes');
          return 0;
        },
      },
      digestWeeks: {
        find: async () => {
          events.push('digest weeks');
          return 0;
        },
      },
      ruleTriggers: {
        find: async () => {
          events.push('rule triggers');
          return 0;
        },
      },
      alerts: {
        drain: async () => {
          events.push('alerts');
          return 0;
        },
      },
      webhooks: { deliverSoon: () => events.push('webhooks') },
      logger: createLogger('silent'),
    });

    const ticked = jobs.tick();
    // What the event loop holds when the tick starts: here, an incoming request's callback.
    setImmediate(() => events.push('request answered'));
    await ticked;

    expect(events.indexOf('request answered')).toBeGreaterThan(events.indexOf('reminders'));
    expect(events.indexOf('request answered')).toBeLessThan(events.indexOf('escalations'));
    expect(events.filter((e) => e !== 'request answered')).toEqual([
      'reminders',
      'escalations',
      'archived',
      'setups',
      'alerts',
      'postmortem nudges',
      'follow-up nudges',
      'maintenance',
      'comms clock',
      'checklist messages',
      'rule triggers',
      'rules',
      'hand-off changes',
      'hand-off notes',
      'hand-offs',
      'commander briefings',
      'follow notices',
      'digest weeks',
      'weekly digest',
      'webhooks',
    ]);
  });
});
