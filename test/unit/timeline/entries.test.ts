import { entrySentence } from '../../../src/postmortem/entry-text';
import { timelineEntryText } from '../../../src/slack/blocks/timeline-entry-text';
import { readSlackText, slackText } from '../../../src/slack/text/slack-text';
import { entries } from '../../../src/timeline/entries';
import { TIMELINE_KINDS, type NewTimelineEntry, type TimelineEntry } from '../../../src/timeline/timeline.types';

const at = { incidentId: 1, at: Date.UTC(2026, 0, 5, 9, 0), actorId: 'UBOB' };
const names = { person: (id: string) => ({ UBOB: 'bob', UCAROL: 'carol' })[id] };
const read = (typed: string) =>
  slackText
    .read(typed)
    .map((s) => (typeof s === 'string' ? s : JSON.stringify(s)))
    .join('');

/** One entry of every kind, made as the use-cases make them. */
const made: NewTimelineEntry[] = [
  entries.declared(at, {
    title: 'Checkout down',
    severity: 'SEV1',
    commanderId: 'UBOB',
    impact: 'EU',
    isPrivate: true,
  }),
  entries.channelCreated(at, { id: 'C1', name: 'inc-1-checkout' }),
  entries.statusUpdate(at, {
    from: 'investigating',
    to: 'monitoring',
    summary: 'Rolled back',
    impact: '',
    nextSteps: '',
    updateId: 2,
  }),
  entries.resolved(
    { ...at, at: at.at + 60 * 60_000 },
    { from: 'monitoring', resolution: 'Fixed', rootCause: null, declaredAt: at.at },
  ),
  entries.severityChanged(at, { from: 'SEV1', to: 'SEV2', reason: '' }),
  entries.roleAssigned(at, { role: 'scribe', roleName: 'Scribe', from: 'UBOB', to: 'UCAROL' }),
  entries.reopened(at, { reason: 'Back again', resolvedAt: at.at, archiveWasDueAt: null }),
  entries.archived(at),
  entries.archiveFailed(at, 'not_in_channel'),
  entries.reminderSent(at, { to: 'UBOB', reminder: 2, sinceLastUpdate: 30 * 60_000 }),
  entries.reminderFailed(at, { to: 'UBOB', code: 'user_not_found' }),
  entries.reminderAnswered(at, 1),
  entries.reminderSnoozed(at, at.at + 30 * 60_000),
  entries.escalated(at, { level: 'secondary', users: ['UCAROL'], usergroup: 'S1', missed: 2 }),
  entries.escalationFailed(at, { level: 'manager', code: 'ratelimited' }),
  entries.escalated(at, {
    level: 'manager',
    users: ['UCAROL'],
    usergroup: null,
    missed: 0,
    step: 2,
    name: 'on-call manager',
    trigger: 'manual',
    reason: 'the database is the suspect',
  }),
  entries.acknowledged(at, { by: 'UBOB', commanderId: 'UBOB', self: false }),
  entries.acknowledgementOverdue(at, { commanderId: 'UBOB', within: 5 * 60_000 }),
  entries.commsReminder(at, { commanderId: 'UBOB', within: 30 * 60_000 }),
  entries.publishReminder(at, { userId: 'UCAROL', within: 30 * 60_000 }),
  entries.message(
    at,
    {
      channelId: 'C1',
      ts: '1.2',
      permalink: null,
      addedBy: 'UBOB',
      addedAt: at.at,
      source: 'Ping <@UCAROL>',
      body: readSlackText('Ping <@UCAROL>'),
    },
    'C1:1.2',
  ),
  entries.note(at, { source: 'Called <@UCAROL>', body: readSlackText('Called <@UCAROL>') }, 'T1'),
  entries.followupAdded(at, { followupId: 1, ownerId: 'UCAROL', text: 'Add a canary' }),
  entries.followupDone(at, { followupId: 1, text: 'Add a canary' }),
  entries.followupIssue(at, {
    followupId: 1,
    tracker: 'github',
    key: '#12',
    url: 'https://github.com/acme/platform/issues/12',
  }),
  entries.followupIssueRefused(at, { followupId: 1, tracker: 'jira', status: 401, reason: 'Unauthorized' }),
  entries.paged(at, { level: 2, action: 'trigger', dedupKey: 'commander-UBOT-7' }),
  entries.alertFiring(at, {
    source: 'prod-alertmanager',
    fingerprint: 'f1',
    alert: 'HighLatency',
    link: null,
    again: false,
  }),
  entries.alertResolved(at, { source: 'prod-alertmanager', alerts: ['HighLatency'], fingerprints: ['f1'] }),
  entries.alertSeverityUnknown(at, { source: 'prod-alertmanager', label: 'disaster', severity: 'SEV3' }),
  entries.keyTimeCorrected(at, { key: 'detected', label: 'Detected', from: at.at, to: at.at - 5 * 60_000 }),
  entries.postmortemStepDone(at, { step: 'meeting' }),
  entries.postmortemUploaded(at, { draft: true, fileName: 'postmortem-1-draft.md' }),
  entries.serviceAdded(at, { serviceId: 'payments', name: 'Payments API' }),
  entries.serviceRemoved(at, { serviceId: 'payments', name: 'Payments API' }),
  entries.linked(at, { otherId: 12, otherTitle: 'Checkout errors', link: 'duplicate_of' }),
  entries.serviceUnknown(at, { name: 'unknown-thing', source: 'prod-alertmanager' }),
  entries.statuspagePublished(at, {
    publicId: 'k3x9p2m4q8zt',
    updateId: 'a1b2c3d4e5f6',
    status: 'identified',
    body: 'Card payments fail for some customers.',
    components: [{ id: 'payments', status: 'partial_outage' }],
  }),
  entries.checklistAttached(at, { listId: 'investigate', title: 'Investigation', items: 7 }),
  entries.checklistAttached(at, { listId: 'payments', title: 'Payments <SEV1>', items: 1, rule: 'payments SEV1' }),
  entries.checklistItemAdded(at, { itemId: 9, text: 'Page the DBA', ownerId: 'UCAROL' }),
  entries.checklistItemTicked(at, { itemId: 1, listId: 'investigate', text: 'Check <recent> deployments', done: true }),
  entries.checklistItemTicked(at, { itemId: 9, listId: '', text: 'Ask the DBA', done: false }),
  entries.commanderBriefed(at, { to: 'UBOB', briefingId: 1 }),
  entries.ruleAction(at, {
    rule: 'payments SEV1',
    firingId: 1,
    action: { kind: 'invite', users: [], usergroups: ['S0PAYLEADS'], service: null },
    outcome: 'done',
  }),
];

describe('timeline entries', () => {
  it('are made for every kind there is', () => {
    expect([...new Set(made.map((e) => e.kind))].sort()).toEqual([...TIMELINE_KINDS].sort());
  });

  it('hold what happened as data, with no chat markup of their own', () => {
    const generated = made.filter((e) => e.kind !== 'message' && e.kind !== 'note');
    expect(generated.map((e) => JSON.stringify(e.data)).filter((d) => /<[@#!]/.test(d))).toEqual([]);
    expect(made.find((e) => e.kind === 'note')?.data).toMatchObject({ body: ['Called ', { user: 'UCAROL' }] });
  });

  it('read in Slack with mentions and in documents with names', () => {
    const shown = made.map((e) => [timelineEntryText(e), entrySentence({ ...e, id: 1 } as TimelineEntry, names, read)]);
    expect(shown).toEqual([
      [
        'Declared private SEV1 "Checkout down" with <@UBOB> as commander',
        'Declared private SEV1 "Checkout down" with @bob as commander',
      ],
      ['Channel #inc-1-checkout created', 'Channel #inc-1-checkout created'],
      ['Monitoring: Rolled back', 'Monitoring: Rolled back'],
      ['Resolved: Fixed', 'Resolved: Fixed'],
      ['Severity changed from SEV1 to SEV2', 'Severity changed from SEV1 to SEV2'],
      ['Scribe: <@UCAROL> (was <@UBOB>)', 'Scribe: @carol (was @bob)'],
      ['Reopened: Back again', 'Reopened: Back again'],
      ['Channel archived', 'Channel archived'],
      ['The channel could not be archived (not_in_channel)', 'The channel could not be archived (not_in_channel)'],
      ['Reminder 2 sent to <@UBOB>: no update for 30m', 'Reminder 2 sent to @bob: no update for 30m'],
      [
        'Reminder to <@UBOB> could not be delivered (user_not_found)',
        'Reminder to @bob could not be delivered (user_not_found)',
      ],
      ['Update posted after 1 reminder', 'Update posted after 1 reminder'],
      ['Reminders snoozed for 30m', 'Reminders snoozed for 30m'],
      ['Escalated to the on-call backup <@UCAROL>, <!subteam^S1>', 'Escalated to the on-call backup @carol, @S1'],
      ['Escalation failed (ratelimited)', 'Escalation failed (ratelimited)'],
      [
        'Escalated to <@UCAROL> — level 2 (on-call manager), called in by hand: the database is the suspect',
        'Escalated to @carol — level 2 (on-call manager), called in by hand: the database is the suspect',
      ],
      ['<@UBOB> acknowledged', '@bob acknowledged'],
      ['Not acknowledged by <@UBOB> within 5m', 'Not acknowledged by @bob within 5m'],
      ['No communications lead 30m in; <@UBOB> reminded', 'No communications lead 30m in; @bob reminded'],
      [
        'Nothing on the status page 30m in; <@UCAROL> reminded to publish',
        'Nothing on the status page 30m in; @carol reminded to publish',
      ],
      ['Ping <@UCAROL>', 'Ping @carol'],
      ['Called <@UCAROL>', 'Called @carol'],
      ['Follow-up: Add a canary (owner <@UCAROL>)', 'Follow-up: Add a canary (owner @carol)'],
      ['Follow-up done: Add a canary', 'Follow-up done: Add a canary'],
      [
        'Follow-up issue #12 made in GitHub: https://github.com/acme/platform/issues/12',
        'Follow-up issue #12 made in GitHub: https://github.com/acme/platform/issues/12',
      ],
      [
        "Jira refused the follow-up's issue (HTTP 401: Unauthorized)",
        "Jira refused the follow-up's issue (HTTP 401: Unauthorized)",
      ],
      ['Paged in PagerDuty (level 2)', 'Paged in PagerDuty (level 2)'],
      ['Alert firing: HighLatency', 'Alert firing: HighLatency'],
      ['prod-alertmanager reports resolved: HighLatency', 'prod-alertmanager reports resolved: HighLatency'],
      [
        'Severity label "disaster" is not known; declared as SEV3',
        'Severity label "disaster" is not known; declared as SEV3',
      ],
      [
        'Detected corrected to <!date^1767603300^{date_short_pretty} at {time}|2026-01-05 08:55 UTC> (was <!date^1767603600^{date_short_pretty} at {time}|2026-01-05 09:00 UTC>)',
        'Detected corrected to 2026-01-05T08:55:00.000Z (was 2026-01-05T09:00:00.000Z)',
      ],
      ['Postmortem meeting held', 'Postmortem meeting held'],
      ['Postmortem draft shared (postmortem-1-draft.md)', 'Postmortem draft shared (postmortem-1-draft.md)'],
      ['Affected service added: Payments API', 'Affected service added: Payments API'],
      ['Affected service removed: Payments API', 'Affected service removed: Payments API'],
      ['Duplicate of #12 Checkout errors', 'Duplicate of #12 Checkout errors'],
      [
        'prod-alertmanager named service "unknown-thing", which is not in the catalog',
        'prod-alertmanager named service "unknown-thing", which is not in the catalog',
      ],
      [
        'Published to the status page as Identified: Card payments fail for some customers.',
        'Published to the status page as Identified: Card payments fail for some customers.',
      ],
      ['Checklist attached: Investigation (7 items)', 'Checklist attached: Investigation (7 items)'],
      [
        'Checklist attached: Payments &lt;SEV1&gt; (1 item) by rule payments SEV1',
        'Checklist attached: Payments <SEV1> (1 item) by rule payments SEV1',
      ],
      ['Task added: Page the DBA (owner <@UCAROL>)', 'Task added: Page the DBA (owner @carol)'],
      ['Done: Check &lt;recent&gt; deployments', 'Done: Check <recent> deployments'],
      ['No longer done: Ask the DBA', 'No longer done: Ask the DBA'],
      ['<@UBOB> briefed as the new commander', '@bob briefed as the new commander'],
      ['Rule payments SEV1: invited <!subteam^S0PAYLEADS>', 'Rule payments SEV1: invited @S0PAYLEADS'],
    ]);
  });
});

describe('readSlackText', () => {
  it('turns Slack markup into data: mentions are ids, broadcasts and dates plain words, entities decoded', () => {
    expect(
      readSlackText(
        '<@U1|al> in <#C1|ops>, <!subteam^S1|@sre> <!here> at <!date^1^{time}|9:00> see <https://x.io|dash> &lt;b&gt;',
      ),
    ).toEqual([
      { user: 'U1', label: 'al' },
      ' in ',
      { channel: 'C1', label: 'ops' },
      ', ',
      { usergroup: 'S1', label: '@sre' },
      ' @here at 9:00 see ',
      { link: 'https://x.io', label: 'dash' },
      ' <b>',
    ]);
  });
});
