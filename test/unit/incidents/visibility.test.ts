import { DEFAULT_POLICY } from '../../../src/config/policy';
import { canSee, isInvolved, visibleTo } from '../../../src/incidents/visibility';
import { anIncident } from '../../support/incident-fixture';

const base = anIncident({ id: 7, channelId: 'CSECRET', roles: { scribe: 'USCRIBE' }, isPrivate: true });
const policy = { ...DEFAULT_POLICY, admins: ['UADMIN'] };
const nobodyIsMember = jest.fn(async () => false);
beforeEach(() => nobodyIsMember.mockClear());

describe('who can see an incident', () => {
  it('everyone sees a public incident, without a membership lookup', async () => {
    expect(await canSee({ ...base, isPrivate: false }, 'UANYONE', policy, nobodyIsMember)).toBe(true);
    expect(nobodyIsMember).not.toHaveBeenCalled();
  });

  it.each([
    ['an admin', 'UADMIN'],
    ['the declarer', 'UALICE'],
    ['the commander', 'UBOB'],
    ['a role holder', 'USCRIBE'],
  ])('%s sees a private incident without Slack being asked', async (_who, userId) => {
    expect(await canSee(base, userId, policy, nobodyIsMember)).toBe(true);
    expect(nobodyIsMember).not.toHaveBeenCalled();
  });

  it('anyone else sees a private incident only as a member of its channel', async () => {
    expect(await canSee(base, 'UCAROL', policy, nobodyIsMember)).toBe(false);
    expect(nobodyIsMember).toHaveBeenCalledWith('CSECRET');
    expect(await canSee(base, 'UCAROL', policy, async (channel) => channel === 'CSECRET')).toBe(true);
  });

  it('a private incident without a channel yet is seen only by those it names', async () => {
    expect(await canSee({ ...base, channelId: null }, 'UCAROL', policy, async () => true)).toBe(false);
  });

  it('visibleTo keeps the order of what it is given', async () => {
    const open = { ...base, id: 1, isPrivate: false };
    const hidden = { ...base, id: 2 };
    const later = { ...base, id: 3, isPrivate: false };
    expect((await visibleTo([open, hidden, later], 'UCAROL', policy, nobodyIsMember)).map((i) => i.id)).toEqual([1, 3]);
  });

  it('the people involved are the declarer, the commander and the role holders', () => {
    expect(['UALICE', 'UBOB', 'USCRIBE', 'UCAROL'].map((u) => isInvolved(base, u))).toEqual([true, true, true, false]);
  });
});
