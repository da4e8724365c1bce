import { parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';
import { firingsFor, type IncidentView, meets } from '../../../src/rules/decide';
import { fillText, fillUrl, unknownFields } from '../../../src/rules/template';
import { richMrkdwn } from '../../../src/slack/text/rich-mrkdwn';

const view: IncidentView = {
  number: 12,
  title: 'Cards <!channel> & co',
  severity: 'SEV1',
  services: [{ id: 'payments', name: 'Payments' }],
  type: 'incident',
  isPrivate: false,
  channelId: 'C0INC12',
  channelName: 'inc-12-cards',
  commanderId: 'UBOB',
  roles: { commander: 'UBOB', comms: 'UCAROL' },
};

describe('conditions', () => {
  const event = { trigger: 'severity_changed' as const, occurrence: 'severity:SEV1' };
  it('hold when every key given holds; a list means any of; severities in any case', () => {
    expect(meets({ severity: ['sev1'], service: ['payments'] }, view, event)).toBe(true);
    expect(meets({ severity: ['SEV2', 'SEV1'] }, view, event)).toBe(true);
    expect(meets({ severity: ['SEV1'], service: ['search'] }, view, event)).toBe(false);
    expect(meets({ private: true }, view, event)).toBe(false);
    expect(meets({ type: ['security'] }, view, event)).toBe(false);
    expect(meets({}, view, event)).toBe(true);
  });
  it('for service_added, test the service added, not the ones there before', () => {
    const added = { trigger: 'service_added' as const, occurrence: 'service:search', service: 'search' };
    expect(meets({ service: ['payments'] }, view, added)).toBe(false);
    expect(meets({ service: ['search'] }, view, added)).toBe(true);
  });
});

describe('templates', () => {
  it('know their fields', () => {
    expect(unknownFields('{{title}} on {{ services }} by {{who}}')).toEqual(['who']);
  });
  it('in a message, fill fields as text Slack shows as typed: no mention or link can be injected by a title', () => {
    const text = fillText('{{title}} ({{severity}}), {{commander}}: {{link}}', {
      number: '12',
      title: view.title,
      severity: 'SEV1',
      services: 'Payments',
      channel: 'inc-12-cards',
      commander: 'UBOB',
      link: 'https://slack.com/app_redirect?channel=C0INC12',
    });
    expect(richMrkdwn(text)).toBe(
      'Cards &lt;!channel&gt; &amp; co (SEV1), <@UBOB>: <https://slack.com/app_redirect?channel=C0INC12>',
    );
  });
  it('in a link, percent-encode each field', () => {
    const values = {
      number: '12',
      title: 'a b/c',
      severity: 'SEV1',
      services: '',
      channel: 'x',
      commander: null,
      link: null,
    };
    expect(fillUrl('https://meet.example.com/{{title}}?n={{number}}', values)).toBe(
      'https://meet.example.com/a%20b%2Fc?n=12',
    );
  });
});

describe('firingsFor', () => {
  it('decides the #1198 rule with the role holder and the filled text', () => {
    const policy = parsePolicy({
      ...DEFAULT_POLICY_INPUT,
      services: [{ id: 'payments', name: 'Payments' }],
      rules: [
        {
          name: 'payments SEV1',
          on: 'severity_changed',
          if: { severity: 'SEV1', service: 'payments' },
          do: [{ invite: { usergroup: 'S0PAYLEADS' } }, { dm: { role: 'comms', text: 'SEV1 on {{services}}' } }],
        },
      ],
    });
    const fired = firingsFor(
      policy.rules,
      { trigger: 'severity_changed', occurrence: 'severity:SEV1' },
      view,
      policy.services,
    );
    expect(fired).toEqual([
      {
        rule: 'payments SEV1',
        occurrence: 'severity:SEV1',
        actions: [
          { kind: 'invite', users: [], usergroups: ['S0PAYLEADS'], service: null },
          { kind: 'dm', users: ['UCAROL'], role: 'comms', text: ['SEV1 on Payments'] },
        ],
      },
    ]);
    expect(firingsFor(policy.rules, { trigger: 'declared', occurrence: 'declared' }, view, policy.services)).toEqual(
      [],
    );
  });
});
