import { ConfigError } from '../../../src/config/config.errors';
import { DEFAULT_POLICY, parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';
import { incidentChannelName } from '../../../src/incidents/channel-name';
import { IncidentError } from '../../../src/incidents/incidents.errors';
import { countable, defaultType, requireType } from '../../../src/incidents/incident-types';
import { pastTimesProblem } from '../../../src/incidents/record-past';
import { incidentStats } from '../../../src/incidents/stats';
import { incidentTypesSeen } from '../../../src/metrics/incident-types-seen';
import { anIncident, T0 } from '../../support/incident-fixture';

describe('incident types in the policy', () => {
  it('are incident (the default), security (private), drill and maintenance unless configured, and drills page nobody', () => {
    expect(DEFAULT_POLICY.types.map((t) => [t.id, t.private])).toEqual([
      ['incident', false],
      ['security', true],
      ['drill', false],
      ['maintenance', false],
    ]);
    expect(defaultType(DEFAULT_POLICY)).toBe('incident');
    expect(DEFAULT_POLICY.drills).toEqual({ pageOncall: false });
  });

  it('the first configured type is the default; an unknown type is refused with the ones there are', () => {
    const policy = parsePolicy({
      ...DEFAULT_POLICY_INPUT,
      types: [
        { id: 'outage', name: 'Outage' },
        { id: 'drill', name: 'Game day' },
      ],
    });
    expect(requireType(policy, undefined).id).toBe('outage');
    expect(requireType(policy, 'Drill').name).toBe('Game day');
    expect(() => requireType(policy, 'security')).toThrow(IncidentError);
    expect(() => requireType(policy, 'security')).toThrow('Choose one of outage, drill.');
  });

  it.each([
    [{ types: [] }, 'types: needs at least one type'],
    [
      {
        types: [
          { id: 'drill', name: 'A' },
          { id: 'drill', name: 'B' },
        ],
      },
      'types: ids must be unique',
    ],
    [{ types: [{ id: 'Big Outage', name: 'A' }] }, 'types.0.id: must be 1-20 lower-case letters'],
    [{ types: [{ id: 'outage' }] }, 'types.0.name:'],
    [{ drills: { pageOncall: 'yes' } }, 'drills.pageOncall:'],
    [{ drills: { page: true } }, 'drills:'],
  ])('stops start-up on %j with one line naming the key', (given, message) => {
    expect(() => parsePolicy({ ...DEFAULT_POLICY_INPUT, ...given })).toThrow(ConfigError);
    expect(() => parsePolicy({ ...DEFAULT_POLICY_INPUT, ...given })).toThrow(message);
  });
});

describe('drills', () => {
  it('say drill in the channel name, after the number', () => {
    expect(incidentChannelName('inc', 7, 'DB failover', 0, { drill: true })).toBe('inc-7-drill-db-failover');
    expect(incidentChannelName('inc', 7, 'DB failover', 1, { drill: true })).toBe('inc-7-drill-db-failover-2');
    expect(incidentChannelName('inc', 7, 'DB failover')).toBe('inc-7-db-failover');
  });

  it('are left out of the 30 days’ counts and the time to resolve', () => {
    const now = T0 + 86_400_000;
    const stats = incidentStats(
      [
        anIncident({ severity: 'SEV1', resolvedAt: T0 + 3_600_000 }),
        anIncident({ severity: 'SEV1', type: 'drill', resolvedAt: T0 + 60_000 }),
        anIncident({ severity: 'SEV2', type: 'maintenance' }),
      ],
      DEFAULT_POLICY,
      now,
    );
    expect(stats.declared).toBe(2);
    expect(stats.perSeverity.slice(0, 2)).toEqual([
      { severity: 'SEV1', count: 1 },
      { severity: 'SEV2', count: 1 },
    ]);
    expect(stats.medianTimeToResolveMs).toBe(3_600_000);
    expect(countable([anIncident({ type: 'drill' })])).toEqual([]);
  });
});

describe('the types the counters label incidents with', () => {
  it('are known at once from the declaration, and read from the store once for an incident declared before', async () => {
    const reads: number[] = [];
    const seen = incidentTypesSeen(async (id) => {
      reads.push(id);
      return id === 3 ? 'drill' : undefined;
    });
    seen.learn(1, 'drill');
    const labels: string[] = [];
    seen.withType(1, (t) => labels.push(t));
    expect(labels).toEqual(['drill']);
    seen.withType(3, (t) => labels.push(t));
    seen.withType(4, (t) => labels.push(t));
    await new Promise((resolve) => setImmediate(resolve));
    seen.withType(3, (t) => labels.push(t));
    expect(labels).toEqual(['drill', 'drill', 'unknown', 'drill']);
    expect(reads).toEqual([3, 4]);
  });
});

describe('the times of an incident recorded after it ended', () => {
  const now = T0;
  it('must both be past, the end after the start; the problem is on the field that reads wrong', () => {
    expect(pastTimesProblem({ startedAt: now - 2, endedAt: now - 1 }, now)).toBeNull();
    expect(pastTimesProblem({ startedAt: now - 1, endedAt: now - 1 }, now)?.field).toBe('endedAt');
    expect(pastTimesProblem({ startedAt: now + 1, endedAt: now + 2 }, now)?.field).toBe('startedAt');
    expect(pastTimesProblem({ startedAt: now - 1, endedAt: now + 1 }, now)).toEqual({
      field: 'endedAt',
      message: 'This time is in the future: declare an incident that is still going on.',
    });
  });
});
