import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';
import { parsePolicy } from '../../../src/config/policy';
import { assertPublishable, defaultComponentStatus, mayPublish, publicStatusOf } from '../../../src/statuspage/publish';
import { anIncident } from '../../support/incident-fixture';

const policy = (statusPage: Record<string, unknown> = {}) =>
  parsePolicy({ ...DEFAULT_POLICY_INPUT, admins: ['UADMIN01'], statusPage });

describe('what may reach the status page', () => {
  it('never a private incident', () => {
    expect(() => assertPublishable(anIncident({ isPrivate: true }), policy())).toThrow(
      expect.objectContaining({ code: 'private_incident' }),
    );
  });

  it('a drill only when statusPage.drills is true', () => {
    expect(() => assertPublishable(anIncident({ type: 'drill' }), policy())).toThrow(
      expect.objectContaining({ code: 'drill' }),
    );
    expect(() => assertPublishable(anIncident({ type: 'drill' }), policy({ drills: true }))).not.toThrow();
  });

  it('from the commander, the comms role or an admin', () => {
    const incident = anIncident({ commanderId: 'UBOB', roles: { comms: 'UCAROL', scribe: 'UDAVE' } });
    expect(['UBOB', 'UCAROL', 'UADMIN01', 'UDAVE'].map((u) => mayPublish(incident, u, policy()))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it("maps Commander's statuses and severities to the page's", () => {
    expect(['investigating', 'identified', 'mitigating', 'monitoring', 'resolved'].map(publicStatusOf)).toEqual([
      'investigating',
      'identified',
      'identified',
      'monitoring',
      'resolved',
    ]);
    expect(['SEV1', 'SEV2', 'SEV3'].map(defaultComponentStatus)).toEqual([
      'major_outage',
      'partial_outage',
      'degraded_performance',
    ]);
  });

  it('takes a policy whose publishWithin names only known severities', () => {
    expect(() => policy({ publishWithin: { SEV9: '30m' } })).toThrow(/statusPage.publishWithin.SEV9/);
    expect(policy({ partialOutageWeight: 0.5 }).statusPage).toMatchObject({
      partialOutageWeight: 0.5,
      historyDays: 90,
    });
    expect(() => policy({ partialOutageWeight: 2 })).toThrow(/partialOutageWeight/);
  });
});
