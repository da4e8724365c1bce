import { DEFAULT_POLICY, parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';
import { announcementChannelFor } from '../../../src/incidents/announcements';
import type { Incident } from '../../../src/incidents/incident.types';
import { mayChange } from '../../../src/incidents/permissions';

const incident = {
  commanderId: 'UBOB',
  declaredBy: 'UALICE',
  roles: { scribe: 'UCAROL' },
  channelId: 'C1',
  isPrivate: false,
} as unknown as Incident;
const policy = { ...DEFAULT_POLICY, admins: ['UADMIN'] };

describe('who may change an incident', () => {
  const nobodyInChannel = jest.fn(async () => false);

  it('role holders and admins may, without asking Slack', async () => {
    for (const user of ['UBOB', 'UCAROL', 'UADMIN'])
      expect(await mayChange(incident, user, policy, nobodyInChannel)).toBe(true);
    expect(nobodyInChannel).not.toHaveBeenCalled();
  });

  it('anyone else only as a member of the channel', async () => {
    expect(await mayChange(incident, 'UDAVE', policy, nobodyInChannel)).toBe(false);
    expect(
      await mayChange(incident, 'UDAVE', policy, async (channel, user) => channel === 'C1' && user === 'UDAVE'),
    ).toBe(true);
  });
});

describe('where incidents are announced', () => {
  const both = { ...DEFAULT_POLICY, announcementChannel: 'CPUBLIC', privateAnnouncementChannel: 'GPRIVATE' };

  it('a private incident only in the private channel, or nowhere', () => {
    expect(announcementChannelFor(both, { isPrivate: true })).toBe('GPRIVATE');
    expect(announcementChannelFor({ ...both, privateAnnouncementChannel: null }, { isPrivate: true })).toBeNull();
    expect(announcementChannelFor(both, { isPrivate: false })).toBe('CPUBLIC');
  });
});

describe('role and archive settings', () => {
  it('default to commander, comms lead and scribe, with archiving off', () => {
    expect(DEFAULT_POLICY.roles.map((r) => r.id)).toEqual(['commander', 'comms', 'scribe']);
    expect(DEFAULT_POLICY.archiveAfter).toBeNull();
  });

  it('refuse a role list without the commander, and accept archiveAfter as a duration', () => {
    expect(() => parsePolicy({ ...DEFAULT_POLICY_INPUT, roles: [{ id: 'scribe', name: 'Scribe' }] })).toThrow(
      /roles: must include the role with id "commander"/,
    );
    expect(parsePolicy({ ...DEFAULT_POLICY_INPUT, archiveAfter: '7d' }).archiveAfter).toBe(7 * 86_400_000);
    expect(() => parsePolicy({ ...DEFAULT_POLICY_INPUT, admins: ['alice'] })).toThrow(/admins\.0/);
  });
});
