import { DEFAULT_POLICY } from '../../../src/config/policy';
import { incidentStats } from '../../../src/incidents/stats';
import { homeView, HOME_MAX_BLOCKS } from '../../../src/slack/blocks/home-view';
import { ACTION } from '../../../src/slack/blocks/ids';
import { incidentListMessage, LIST_MAX_BLOCKS } from '../../../src/slack/blocks/incident-list';
import { statusSummaryMessage } from '../../../src/slack/blocks/status-summary';
import { validateBlocks, validateView } from '../../support/fake-slack';
import { anIncident, T0 } from '../../support/incident-fixture';
import { mrkdwnTexts } from '../../support/mrkdwn-texts';

const MINUTE = 60_000;
const policy = DEFAULT_POLICY;
const hostile = `<!channel> ${'🔥'.repeat(3000)} <@UEVIL> *bold*`;
const json = (value: unknown) => JSON.stringify(value);
const errors = (issues: string[]) => issues.filter((m) => m.startsWith('[ERROR]'));
const many = (n: number) =>
  Array.from({ length: n }, (_, i) => anIncident({ id: i + 1, title: hostile, channelId: `C${i + 1}` }));
const noStats = incidentStats([], policy, T0);

describe('the status summary', () => {
  it('names the roles from the policy, unassigned ones included, and counts open follow-ups', () => {
    const incident = anIncident({ roles: { comms: 'UCAROL', legacy: 'UDAVE' } });
    const text = json(statusSummaryMessage({ incident, openFollowups: 3, now: T0 + 5 * MINUTE }, policy).blocks);
    expect(text).toContain('Communications lead: <@UCAROL>');
    expect(text).toContain('Scribe: _unassigned_');
    expect(text).toContain('legacy: <@UDAVE>'); // a role the policy no longer names still shows its holder
    expect(text).toContain('*Open follow-ups*\\n3');
    expect(text).toContain('*Commander*\\n<@UBOB>');
  });

  it('shows the next update due as a time token, and marks it overdue once passed', () => {
    const due = Math.floor((T0 + 15 * MINUTE) / 1000);
    const onTime = json(
      statusSummaryMessage({ incident: anIncident(), openFollowups: 0, now: T0 + 14 * MINUTE }, policy).blocks,
    );
    expect(onTime).toContain(`<!date^${due}^{time}|`);
    expect(onTime).not.toContain('overdue');
    const late = json(
      statusSummaryMessage({ incident: anIncident(), openFollowups: 0, now: T0 + 16 * MINUTE }, policy).blocks,
    );
    expect(late).toContain('Update overdue');
  });

  it('says a severity without a cadence has none, and a resolved incident when it was resolved', () => {
    const sev4 = json(
      statusSummaryMessage(
        { incident: anIncident({ severity: 'SEV4' }), openFollowups: 0, now: T0 + 99 * MINUTE },
        policy,
      ).blocks,
    );
    expect(sev4).toContain('No cadence for SEV4');
    const resolved = anIncident({ status: 'resolved', resolvedAt: T0 + 90 * MINUTE });
    const text = json(
      statusSummaryMessage({ incident: resolved, openFollowups: 0, now: T0 + 999 * MINUTE }, policy).blocks,
    );
    expect(text).toContain('resolved after 1h 30m');
    expect(text).not.toContain('overdue');
  });

  it('keeps a hostile title inert and within Slack’s limits', () => {
    const message = statusSummaryMessage(
      { incident: anIncident({ title: hostile }), openFollowups: 0, now: T0 },
      policy,
    );
    for (const text of [...mrkdwnTexts(message.blocks), message.text]) expect(text).not.toMatch(/<!channel>|<@UEVIL>/);
    expect(errors(validateBlocks(message.blocks, 'message'))).toEqual([]);
  });
});

describe('the incident list', () => {
  it('escapes titles, links channels and marks only overdue incidents', () => {
    const late = anIncident({ id: 1, channelId: 'CLATE', title: '<!here> late' });
    const fine = anIncident({ id: 2, channelId: 'CFINE', severity: 'SEV3' });
    const { blocks } = incidentListMessage({ incidents: [late, fine], policy, now: T0 + 20 * MINUTE, all: false });
    const text = json(blocks);
    expect(text).toContain('&lt;!here&gt; late');
    expect(text).toContain('<#CLATE>');
    expect(text).toContain('<#CFINE>');
    expect(text.match(/Update overdue/g)).toHaveLength(1);
  });

  it(`caps a long list at ${LIST_MAX_BLOCKS} blocks and says how many more there are`, () => {
    const { blocks } = incidentListMessage({ incidents: many(80), policy, now: T0, all: true });
    expect(blocks).toHaveLength(LIST_MAX_BLOCKS);
    for (const text of mrkdwnTexts(blocks)) expect(text).not.toMatch(/<!channel>|<@UEVIL>/);
    expect(json(blocks)).toContain('…and 33 more.');
    expect(errors(validateBlocks(blocks, 'message'))).toEqual([]);
  });

  it('marks private incidents for those allowed to see them', () => {
    const { blocks } = incidentListMessage({
      incidents: [anIncident({ isPrivate: true })],
      policy,
      now: T0,
      all: false,
    });
    expect(json(blocks)).toContain('🔒 private');
  });
});

/** A Home without follow-ups or overdue postmortems. */
const nothingElse = { followups: [], postmortemsOverdue: [] };

describe('the Home tab', () => {
  it('puts the viewer’s incidents above the others and offers the Declare button', () => {
    const view = homeView(
      {
        mine: [anIncident({ id: 1, channelId: 'CMINE' })],
        others: [anIncident({ id: 2, channelId: 'COTHER' })],
        stats: noStats,
        now: T0,
        followups: [],
        postmortemsOverdue: [],
      },
      policy,
    );
    const text = json(view.blocks);
    expect(text.indexOf('CMINE')).toBeLessThan(text.indexOf('Other open incidents'));
    expect(text.indexOf('COTHER')).toBeGreaterThan(text.indexOf('Other open incidents'));
    expect(text).toContain(`"action_id":"${ACTION.homeDeclare}"`);
    expect(errors(validateView(view, 'home'))).toEqual([]);
  });

  it.each([
    [150, 0],
    [0, 150],
    [150, 150],
    [3, 200],
  ])(`stays within ${HOME_MAX_BLOCKS} blocks with %i of the viewer’s and %i other incidents`, (mine, others) => {
    const view = homeView({ ...nothingElse, mine: many(mine), others: many(others), stats: noStats, now: T0 }, policy);
    expect(view.blocks.length).toBeLessThanOrEqual(HOME_MAX_BLOCKS);
    expect(errors(validateView(view, 'home'))).toEqual([]);
    if (mine > 0 && mine <= 45) expect(json(view.blocks).match(/\*#\d+ /g)!.length).toBeGreaterThanOrEqual(mine);
    expect(json(view.blocks)).toContain('more.');
  });

  it('lists the viewer’s open follow-ups with their due dates and resolved incidents whose postmortem is overdue', () => {
    const followup = (id: number, dueAt: number | null) => ({
      followup: {
        id,
        incidentId: 7,
        text: `Fix thing ${id}`,
        ownerId: 'UME',
        createdBy: 'UME',
        createdAt: T0,
        doneAt: null,
        dueAt,
        issue: null,
      },
      incident: anIncident({ id: 7 }),
    });
    const view = homeView(
      {
        mine: many(150),
        others: many(150),
        stats: noStats,
        now: T0 + 2 * 24 * 60 * MINUTE,
        followups: [followup(1, T0), followup(2, null), ...Array.from({ length: 60 }, (_, i) => followup(i + 3, T0))],
        postmortemsOverdue: [anIncident({ id: 9, title: 'Old outage', resolvedAt: T0 })],
      },
      policy,
    );
    const text = json(view.blocks);
    expect(text).toContain('Your open follow-ups');
    expect(text).toContain('Fix thing 1');
    expect(text).toContain('overdue');
    expect(text).toContain('Postmortems overdue');
    expect(text).toContain('Old outage');
    expect(view.blocks.length).toBeLessThanOrEqual(HOME_MAX_BLOCKS);
    expect(errors(validateView(view, 'home'))).toEqual([]);
  });

  it('shows per-severity counts and the median time to resolve', () => {
    const stats = incidentStats(
      [anIncident({ severity: 'SEV2', resolvedAt: T0 + 45 * MINUTE })],
      policy,
      T0 + MINUTE * 60,
    );
    const text = json(homeView({ ...nothingElse, mine: [], others: [], stats, now: T0 + 60 * MINUTE }, policy).blocks);
    expect(text).toContain('*SEV2 · High*\\n1');
    expect(text).toContain('Median time to resolve: *45m*');
    expect(json(homeView({ ...nothingElse, mine: [], others: [], stats: noStats, now: T0 }, policy).blocks)).toContain(
      'nothing resolved yet',
    );
  });
});
