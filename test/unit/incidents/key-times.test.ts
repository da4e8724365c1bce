import { keyDurations, keyTimes, keyTimesProblem, type KeyTimeValues } from '../../../src/incidents/key-times';
import { anIncident, T0 } from '../../support/incident-fixture';

const MIN = 60_000;
const times = (o: Partial<KeyTimeValues>): KeyTimeValues => ({
  impactStarted: T0,
  detected: T0,
  acknowledged: null,
  mitigated: null,
  resolved: null,
  ...o,
});

describe('key times', () => {
  it('are recorded from declaration, first commander action, first Monitoring update and resolution', () => {
    const incident = anIncident({ resolvedAt: T0 + 60 * MIN });
    const update = (status: 'identified' | 'monitoring', at: number) =>
      ({ status, postedAt: at }) as Parameters<typeof keyTimes>[0]['updates'][number];
    expect(
      keyTimes({
        incident,
        updates: [update('monitoring', T0 + 30 * MIN), update('identified', T0 + 10 * MIN)],
        firstCommanderActionAt: T0 + 2 * MIN,
        corrections: { impactStarted: T0 - 15 * MIN },
      }),
    ).toEqual({
      impactStarted: T0 - 15 * MIN,
      detected: T0,
      acknowledged: T0 + 2 * MIN,
      mitigated: T0 + 30 * MIN,
      resolved: T0 + 60 * MIN,
    });
  });

  it('take the recorded acknowledgement over the first commander action', () => {
    const incident = anIncident({ acknowledgedAt: T0 + 4 * MIN });
    const facts = { incident, updates: [], firstCommanderActionAt: T0 + 2 * MIN, corrections: {} };
    expect(keyTimes(facts).acknowledged).toBe(T0 + 4 * MIN);
    expect(keyTimes({ ...facts, incident: anIncident({ acknowledgedAt: null }) }).acknowledged).toBe(T0 + 2 * MIN);
  });

  it('give the durations to detect, acknowledge, mitigate and resolve', () => {
    const t = times({ impactStarted: T0 - 15 * MIN, acknowledged: T0 + 2 * MIN, mitigated: T0 + 30 * MIN });
    expect(keyDurations(t)).toEqual({
      toDetect: 15 * MIN,
      toAcknowledge: 2 * MIN,
      toMitigate: 45 * MIN,
      toResolve: null,
    });
  });

  it('blame the later time when two are out of order, skipping unknown ones', () => {
    expect(keyTimesProblem(times({ mitigated: T0 - MIN }), T0 + MIN)).toEqual({
      key: 'mitigated',
      message: 'Mitigated cannot be before detected.',
    });
    expect(keyTimesProblem(times({ acknowledged: T0 + MIN, resolved: T0 + 5 * MIN }), T0 + 10 * MIN)).toBeNull();
    expect(keyTimesProblem(times({ resolved: T0 + 5 * MIN }), T0 + MIN)).toEqual({
      key: 'resolved',
      message: 'This time is in the future.',
    });
  });
});
