import { DEFAULT_POLICY } from '../../src/config/policy';
import type { Incident } from '../../src/incidents/incident.types';
import { nextUpdateDue } from '../../src/incidents/cadence';
import { afterSending, newStreak, replan, retryDelay } from '../../src/reminders/due';
import { emptyReminder } from '../../src/reminders/reminder.types';
import { anIncident, T0 } from '../support/incident-fixture';

const MIN = 60_000;
const incident = (over: Partial<Incident> = {}): Incident => anIncident({ id: 1, channelId: 'C1', ...over });

describe('when the next update is due', () => {
  it('is the cadence after the declaration, then after each update', () => {
    expect(nextUpdateDue(incident(), DEFAULT_POLICY)).toBe(T0 + 15 * MIN);
    expect(nextUpdateDue(incident({ severity: 'SEV2', lastUpdateAt: T0 + 7 * MIN }), DEFAULT_POLICY)).toBe(
      T0 + 37 * MIN,
    );
    expect(nextUpdateDue(incident({ severity: 'SEV3' }), DEFAULT_POLICY)).toBe(T0 + 60 * MIN);
  });

  it('is never for a severity without cadence or a resolved incident', () => {
    expect(nextUpdateDue(incident({ severity: 'SEV4' }), DEFAULT_POLICY)).toBeNull();
    expect(nextUpdateDue(incident({ resolvedAt: T0 + MIN }), DEFAULT_POLICY)).toBeNull();
  });
});

describe('re-planning', () => {
  const streak = {
    ...emptyReminder(1),
    dueAt: T0 + 20 * MIN,
    missed: 2,
    escalatedAt: T0 + 20 * MIN,
    escalationLevel: 2,
    failures: 1,
  };

  it('an update answers the streak and moves the due time', () => {
    expect(replan(incident({ lastUpdateAt: T0 + 22 * MIN }), DEFAULT_POLICY, streak, true)).toMatchObject({
      dueAt: T0 + 37 * MIN,
      missed: 0,
      escalatedAt: null,
      escalationLevel: 0,
      failures: 0,
    });
  });

  it('a severity change keeps the streak but applies the new cadence, already past if overdue', () => {
    const next = replan(
      incident({ severity: 'SEV1', lastUpdateAt: T0 }),
      DEFAULT_POLICY,
      { ...streak, dueAt: T0 + 30 * MIN },
      false,
    );
    expect(next).toMatchObject({ dueAt: T0 + 15 * MIN, missed: 2, escalationLevel: 2 });
  });

  it('resolving plans nothing', () => {
    expect(replan(incident({ resolvedAt: T0 + MIN }), DEFAULT_POLICY, streak, true).dueAt).toBeNull();
  });
});

describe('sending and escalating', () => {
  it('after a reminder the next one follows after repeatAfter', () => {
    const sent = afterSending({ ...emptyReminder(1), dueAt: T0 }, T0 + 1_000, DEFAULT_POLICY);
    expect(sent).toMatchObject({ dueAt: T0 + 1_000 + 5 * MIN, missed: 1, lastSentAt: T0 + 1_000 });
  });

  it('backs off retries from 30 s up to 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 10].map(retryDelay)).toEqual([30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
  });
});

describe('a new streak', () => {
  it('forgets missed reminders and every escalation level, so a new commander is escalated afresh', () => {
    const escalated = {
      ...emptyReminder(1),
      dueAt: T0,
      missed: 4,
      escalatedAt: T0,
      escalationLevel: 2,
      lastSentAt: T0,
    };
    expect(newStreak(escalated)).toEqual({ ...escalated, missed: 0, escalatedAt: null, escalationLevel: 0 });
  });
});
