import { DEFAULT_POLICY } from '../../../src/config/policy';
import type { Incident } from '../../../src/incidents/incident.types';
import { assignModal } from '../../../src/slack/blocks/assign-modal';
import {
  changeMessage,
  escalatedSeverityAnnouncement,
  roleAssignedDm,
} from '../../../src/slack/blocks/change-messages';
import { kickoffMessage } from '../../../src/slack/blocks/kickoff-message';
import { anIncident } from '../../support/incident-fixture';

const incident: Incident = anIncident({
  id: 7,
  title: '<!channel> payments *down*',
  impact: '',
  channelId: 'CINC7',
  channelName: 'inc-7-payments-down',
  kickoffTs: '1.0',
  setupDoneAt: null,
  roles: { scribe: 'UCAROL' },
});
const json = (value: unknown) => JSON.stringify(value);

describe('the kick-off message and roles', () => {
  it('lists every configured role, assigned or not, and offers the Assign role button', () => {
    const text = json(kickoffMessage(incident, DEFAULT_POLICY).blocks);
    expect(text).toContain('*Scribe*\\n<@UCAROL>');
    expect(text).toContain('*Communications lead*\\n_unassigned_');
    expect(text).toContain('incident_open_assign');
  });

  it('marks a private incident as such', () => {
    expect(json(kickoffMessage({ ...incident, isPrivate: true }, DEFAULT_POLICY).blocks)).toContain('Private incident');
    expect(json(kickoffMessage(incident, DEFAULT_POLICY).blocks)).not.toContain('Private incident');
  });

  it('the role form offers the configured roles', () => {
    const view = assignModal(incident, DEFAULT_POLICY);
    expect(json(view.blocks)).toContain('"value":"comms"');
    expect(JSON.parse(view.private_metadata as string)).toEqual({ incidentId: 7, channelId: 'CINC7' });
  });
});

describe('change notes', () => {
  it('a severity change names both levels, the reason and the new cadence, with user text inert', () => {
    const message = changeMessage(
      incident,
      { kind: 'severity', from: 'SEV3', to: 'SEV1', reason: '<!here> worse', actorId: 'UBOB' },
      DEFAULT_POLICY,
    );
    const text = json(message.blocks);
    expect(text).toContain('from *SEV3 · Medium* to *SEV1 · Critical*');
    expect(text).toContain('every 15m');
    expect(text).not.toContain('<!here>');
    expect(message.text).not.toContain('<!channel>');
  });

  it('a handover says reminders follow the new commander', () => {
    const message = changeMessage(
      incident,
      {
        kind: 'role',
        roleId: 'commander',
        roleName: 'Incident commander',
        from: 'UBOB',
        to: 'UCAROL',
        actorId: 'UBOB',
      },
      DEFAULT_POLICY,
    );
    expect(json(message.blocks)).toContain('taking over from <@UBOB>');
    expect(json(message.blocks)).toContain('reminders go to them');
  });

  it('the announcement of a newly major incident links its channel', () => {
    const message = escalatedSeverityAnnouncement(
      incident,
      { kind: 'severity', from: 'SEV3', to: 'SEV1', reason: '', actorId: 'UBOB' },
      DEFAULT_POLICY,
    );
    expect(json(message.blocks)).toContain('<#CINC7>');
    expect(json(message.blocks)).toContain('(was SEV3)');
  });

  it('the role DM explains the role', () => {
    const scribe = DEFAULT_POLICY.roles.find((r) => r.id === 'scribe')!;
    expect(json(roleAssignedDm(incident, scribe, 'UBOB').blocks)).toContain(scribe.description);
  });
});
