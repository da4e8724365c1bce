import { parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';
import { postmortemRequired, stepDeadlines } from '../../../src/postmortem/requirement';
import { inWorkingHours, nextWorkingDay, nextWorkingMoment } from '../../../src/postmortem/working-hours';
import { anIncident, T0 } from '../../support/incident-fixture';

const HOUR = 3_600_000;
const policy = parsePolicy(DEFAULT_POLICY_INPUT);

describe('whether a postmortem is required (runbook 002 defaults)', () => {
  it('always for SEV1 and private incidents, for SEV2 over 2 hours, never otherwise', () => {
    const lasting = (severity: string, ms: number, isPrivate = false) =>
      postmortemRequired(policy, anIncident({ severity, resolvedAt: T0 + ms, isPrivate }));
    expect(lasting('SEV1', HOUR)).toBe(true);
    expect(lasting('SEV2', 2 * HOUR)).toBe(false);
    expect(lasting('SEV2', 2 * HOUR + 1)).toBe(true);
    expect(lasting('SEV3', 10 * HOUR)).toBe(false);
    expect(lasting('SEV4', HOUR, true)).toBe(true);
  });

  it('sets the deadlines from the resolution', () => {
    expect(stepDeadlines(policy, T0)).toEqual({
      report: T0 + 24 * HOUR,
      draft: T0 + 48 * HOUR,
      meeting: T0 + 7 * 24 * HOUR,
      actions: T0 + 14 * 24 * HOUR,
    });
  });
});

describe('working hours', () => {
  // T0 is Tuesday 24 November 2026, 09:00 UTC.
  it('are 09:00 to 18:00 on weekdays in the zone given', () => {
    expect(inWorkingHours(T0, 'Europe/London')).toBe(true);
    expect(inWorkingHours(T0, 'America/New_York')).toBe(false); // 04:00
    expect(inWorkingHours(T0 + 9 * HOUR, 'Europe/London')).toBe(false); // 18:00
  });

  it('move a time outside them to the next opening, across weekends and DST', () => {
    expect(nextWorkingMoment(T0, 'America/New_York')).toBe(Date.UTC(2026, 10, 24, 14));
    const friday = Date.UTC(2026, 10, 27, 19);
    expect(nextWorkingMoment(friday, 'Europe/London')).toBe(Date.UTC(2026, 10, 30, 9));
    // Saturday 7 March 2026 in New York: the next opening is Monday 9 March, after the switch to EDT.
    expect(nextWorkingMoment(Date.UTC(2026, 2, 7, 15), 'America/New_York')).toBe(Date.UTC(2026, 2, 9, 13));
  });

  it('give the next working day for once-a-day nudges', () => {
    const friday = Date.UTC(2026, 10, 27, 10);
    expect(nextWorkingDay(friday, 'Europe/London')).toBe(Date.UTC(2026, 10, 30, 10));
  });
});
