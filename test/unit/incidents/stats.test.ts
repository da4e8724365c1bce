import { DEFAULT_POLICY } from '../../../src/config/policy';
import { incidentStats, median } from '../../../src/incidents/stats';
import { anIncident, T0 } from '../../support/incident-fixture';

const DAY = 86_400_000;
const NOW = T0 + 40 * DAY;
const incident = (o: Parameters<typeof anIncident>[0]) => anIncident({ declaredAt: NOW - DAY, ...o });

describe('median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });
  it('is the mean of the two middle values of an even count', () => {
    expect(median([40, 10, 20, 30])).toBe(25);
  });
  it('is null when there is nothing to take it of', () => {
    expect(median([])).toBeNull();
  });
});

describe('incidentStats', () => {
  it('counts the last 30 days per severity in the ladder’s order, zeros included', () => {
    const stats = incidentStats(
      [
        incident({ severity: 'SEV2' }),
        incident({ severity: 'SEV2' }),
        incident({ severity: 'SEV1' }),
        incident({ severity: 'SEV4', declaredAt: NOW - 31 * DAY }),
      ],
      DEFAULT_POLICY,
      NOW,
    );
    expect(stats.perSeverity).toEqual([
      { severity: 'SEV1', count: 1 },
      { severity: 'SEV2', count: 2 },
      { severity: 'SEV3', count: 0 },
      { severity: 'SEV4', count: 0 },
    ]);
    expect(stats.declared).toBe(3);
  });

  it('takes the median time to resolve over the resolved incidents only', () => {
    const stats = incidentStats(
      [
        incident({ declaredAt: NOW - DAY, resolvedAt: NOW - DAY + 10 * 60_000 }),
        incident({ declaredAt: NOW - DAY, resolvedAt: NOW - DAY + 60 * 60_000 }),
        incident({ declaredAt: NOW - DAY, resolvedAt: NOW - DAY + 300 * 60_000 }),
        incident({ declaredAt: NOW - 2 * DAY }),
      ],
      DEFAULT_POLICY,
      NOW,
    );
    expect(stats).toMatchObject({ declared: 4, resolved: 3, medianTimeToResolveMs: 60 * 60_000 });
  });

  it('keeps a severity the ladder no longer has, after the configured ones', () => {
    const stats = incidentStats([incident({ severity: 'P0' })], DEFAULT_POLICY, NOW);
    expect(stats.perSeverity.at(-1)).toEqual({ severity: 'P0', count: 1 });
    expect(stats.medianTimeToResolveMs).toBeNull();
  });
});
