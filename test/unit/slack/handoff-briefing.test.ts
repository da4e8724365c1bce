import { DEFAULT_POLICY } from '../../../src/config/policy';
import type { Briefing } from '../../../src/handoffs/briefing';
import { handoffBriefingMessage } from '../../../src/slack/blocks/handoff-briefing';
import { anIncident } from '../../support/incident-fixture';

const policy = DEFAULT_POLICY;
const AT = Date.UTC(2026, 10, 30, 9, 0);
const incident = anIncident({ title: '*Bold* <!channel> & co', severity: 'SEV1', commanderId: 'UDAN' });

const briefing = (over: Partial<Briefing> = {}): Briefing => ({
  handoffId: 1,
  rotation: 'platform',
  timezone: 'UTC',
  at: AT,
  outgoing: 'UALICE',
  incoming: 'UBOB',
  ongoing: [],
  lastShift: [],
  followups: [],
  overrides: [],
  maintenance: [],
  alerts: { received: 0, declared: 0, dropped: 0 },
  notes: null,
  ...over,
});

const textOf = (b: Briefing) => JSON.stringify(handoffBriefingMessage(b, policy).blocks);

describe('the hand-off briefing message', () => {
  it('says who takes over from whom, and "none" under each empty section', () => {
    const text = textOf(briefing());
    expect(text).toContain('<@UBOB> takes over as primary from <@UALICE>');
    expect(text.match(/_none_/g)).toHaveLength(5);
    expect(text).toContain('0 received, 0 declared an incident, 0 dropped');
  });

  it('escapes what people wrote: a title cannot bold, mention @channel or break out', () => {
    const text = textOf(
      briefing({
        ongoing: [{ incident, nextUpdateDue: AT + 600_000 }],
        followups: [
          {
            followup: {
              id: 1,
              incidentId: incident.id,
              text: '<!here> fix it',
              ownerId: 'UCAROL',
              createdBy: 'UDAN',
              createdAt: AT,
              doneAt: null,
              dueAt: AT - 1,
              issue: null,
            },
            incident,
            overdue: true,
          },
        ],
        maintenance: [{ title: '<@U1> upgrade', startsAt: AT, endsAt: AT + 1 }],
      }),
    );
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<!here>');
    expect(text).not.toContain('<@U1>');
    expect(text).toContain('&lt;!channel&gt; &amp; co');
    expect(text).toContain('commander <@UDAN>');
    expect(text).toContain('<@UCAROL>, overdue since <!date^');
  });

  it("carries the outgoing primary's notes as they wrote them, escaped, between the scheduled changes and the alerts", () => {
    const text = textOf(briefing({ notes: 'Watch the <!channel> & the disk on db-3' }));
    expect(text).toContain('*Notes from <@UALICE>*\\nWatch the &lt;!channel&gt; &amp; the disk on db-3');
    expect(text.indexOf('Notes from')).toBeGreaterThan(text.indexOf('Overrides in the coming shift'));
    expect(text.indexOf('Notes from')).toBeLessThan(text.indexOf('Alerts in the last shift'));
    expect(textOf(briefing())).toContain('_none left_');
  });

  it('cuts a long list and says how many more there are', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({
      incident: anIncident({ id: i + 1 }),
      nextUpdateDue: null,
    }));
    const text = textOf(briefing({ ongoing: many }));
    expect(text).toContain('…and 5 more');
    expect(text).not.toContain('#16 ');
  });
});
