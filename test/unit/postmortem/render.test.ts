import fs from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../support/manual-clock';
import { parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';
import { createIncidentsService } from '../../../src/incidents/incidents.service';
import { createLogger } from '../../../src/logger';
import { slackText } from '../../../src/slack/text/slack-text';
import { createPostmortemRenderer, joined } from '../../../src/postmortem/postmortem.service';
import { createStore } from '../../../src/store';
import { openDatabase } from '../../../src/store/sqlite/db';
import { migrate } from '../../../src/store/sqlite/migrate';
import { createTimelineService } from '../../../src/incidents/timeline.service';
import { createFollowupsService } from '../../../src/followups/followups.service';
import { createKeyTimesService } from '../../../src/incidents/key-times.service';
import { entries } from '../../../src/timeline/entries';
import { inMemoryConversation } from '../incidents/in-memory-conversation';
import { plainRecorder } from '../../support/recorder';

const GOLDEN = path.resolve(__dirname, '..', '..', 'fixtures', 'postmortem.golden.md');
const MIN = 60_000;

/** A fixed incident told through the services, as the app would record it. */
async function fixedIncident() {
  const db = openDatabase(':memory:');
  migrate(db);
  const store = createStore(db);
  const clock = new ManualClock(Date.UTC(2026, 2, 8, 6, 40)); // across the New York DST change
  const logger = createLogger('silent');
  const policy = parsePolicy({ ...DEFAULT_POLICY_INPUT, timezone: 'America/New_York' });
  const incidents = createIncidentsService({
    store,
    recorder: plainRecorder,
    conversation: inMemoryConversation().port,
    policy,
    clock,
    logger,
  });
  const timeline = createTimelineService({ store, recorder: plainRecorder, clock, logger, chat: slackText });
  const followups = createFollowupsService({ store, recorder: plainRecorder, clock });
  for (const [id, name] of [
    ['UALICE', 'alice'],
    ['UBOB', 'bob'],
    ['UCAROL', 'carol'],
  ] as const)
    await store.people.remember(id, name, clock.now());

  const { incident } = await incidents.declare({
    key: 'V1',
    title: 'Checkout | payments # failing',
    severity: 'SEV1',
    impact: 'EU customers cannot pay; <!channel> was paged',
    commanderId: 'UBOB',
    declaredBy: 'UALICE',
  });
  clock.advance(4 * MIN);
  await timeline.addMessage(
    incident.id,
    {
      channelId: 'C1',
      ts: `${(clock.now() - 60_000) / 1000}.000100`,
      authorId: 'UCAROL',
      text: 'Error rate at 40% on <https://grafana.example/d/1|the dashboard>\n```\nstack\n```',
      permalink: 'https://acme.slack.com/archives/C1/p1',
    },
    'UBOB',
  );
  clock.advance(6 * MIN);
  // Reminders and their snoozes go to the appendix, counted.
  await plainRecorder.record(
    store,
    entries.reminderSent(
      { incidentId: incident.id, at: clock.now() },
      { to: 'UBOB', reminder: 1, sinceLastUpdate: 10 * MIN },
    ),
  );
  await plainRecorder.record(
    store,
    entries.reminderSnoozed(
      { incidentId: incident.id, at: clock.now() + 20_000, actorId: 'UBOB' },
      clock.now() + 20_000 + 10 * MIN,
    ),
  );
  clock.advance(2 * MIN);
  await incidents.postUpdate({
    incidentId: incident.id,
    key: 'U1',
    status: 'identified',
    summary: 'Bad deploy of payments-api',
    impact: '',
    nextSteps: 'Roll back',
    authorId: 'UBOB',
  });
  clock.advance(2 * MIN);
  await incidents.assignRole({ incidentId: incident.id, role: 'scribe', userId: 'UCAROL', actorId: 'UBOB' });
  clock.advance(8 * MIN);
  await timeline.addNote(incident.id, 'Rollback started by <@UCAROL>', 'UBOB', 'T1');
  clock.advance(25_000);
  // Two entries in one minute: the document keeps their seconds.
  await timeline.addNote(incident.id, 'Error rate dropping', 'UCAROL', 'T2');
  clock.advance(-25_000);
  clock.advance(5 * MIN);
  await incidents.changeSeverity({
    incidentId: incident.id,
    severity: 'SEV2',
    reason: 'Only EU cards affected',
    actorId: 'UBOB',
  });
  clock.advance(10 * MIN);
  await incidents.postUpdate({
    incidentId: incident.id,
    key: 'U2',
    status: 'monitoring',
    summary: 'Rolled back; error rate normal',
    impact: 'None',
    nextSteps: 'Watch 30 minutes',
    authorId: 'UBOB',
  });
  await followups.add(incident.id, {
    text: 'Add a canary stage to payments deploys',
    ownerId: 'UCAROL',
    createdBy: 'UBOB',
    requestKey: 'F1',
    dueAt: Date.UTC(2026, 2, 20, 3, 59, 59, 999),
  });
  await followups.add(incident.id, {
    text: 'Alert on checkout error rate',
    ownerId: null,
    createdBy: 'UALICE',
    requestKey: 'F2',
  });
  clock.advance(30 * MIN);
  await incidents.resolve({
    incidentId: incident.id,
    key: 'R1',
    resolution: 'Rolled back payments-api to v41',
    rootCause: 'A config flag defaulted to on in v42',
    summary: 'A payments-api deploy turned on a flag that failed EU card payments for about an hour. We rolled back.',
    usersAffected: 'About 1,200 EU customers',
    authorId: 'UBOB',
  });
  clock.advance(5 * MIN);
  await createKeyTimesService({
    store,
    recorder: plainRecorder,
    conversation: inMemoryConversation().port,
    policy,
    clock,
    logger,
  }).correct({
    incidentId: incident.id,
    times: { impactStarted: Date.UTC(2026, 2, 8, 6, 31, 30) },
    actorId: 'UBOB',
  });
  return {
    postmortem: createPostmortemRenderer({ store, policy, clock, chat: slackText }),
    incident,
    timeline,
    store,
    clock,
  };
}

describe('the postmortem document', () => {
  it('matches the golden file for a fixed incident', async () => {
    const { postmortem, incident } = await fixedIncident();
    const markdown = await joined(await postmortem.render(incident.id, 'md'));
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(GOLDEN, markdown);
    expect(markdown).toBe(fs.readFileSync(GOLDEN, 'utf8'));
  });

  it('has every section the runbooks ask for', async () => {
    const { postmortem, incident } = await fixedIncident();
    const markdown = await joined(await postmortem.render(incident.id, 'md'));
    const headings = markdown.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Postmortem: #1 Checkout \\| payments \\# failing',
      '## Summary',
      '## Key times (America/New\\_York)',
      '## Timeline',
      '## Appendix: reminders and escalations',
      '## Root cause',
      '## Impact',
      '## What went well',
      '## What could be improved',
      '## Action items',
    ]);
  });

  it('is marked as a draft while the incident is open', async () => {
    const { postmortem, store } = await fixedIncident();
    const open = (
      await createIncidentsService({
        store,
        recorder: plainRecorder,
        conversation: inMemoryConversation().port,
        policy: parsePolicy(DEFAULT_POLICY_INPUT),
        clock: new ManualClock(),
        logger: createLogger('silent'),
      }).declare({
        key: 'V2',
        title: 'Still going',
        severity: 'SEV2',
        impact: '',
        commanderId: 'UBOB',
        declaredBy: 'UBOB',
      })
    ).incident;
    expect(await joined(await postmortem.render(open.id, 'md'))).toContain(
      '> **Draft** — the incident is still open (Investigating).',
    );
  });

  it('as JSON holds the incident, key times, updates, follow-ups and every timeline entry', async () => {
    const { postmortem, incident, store } = await fixedIncident();
    const json = JSON.parse(await joined(await postmortem.render(incident.id, 'json')));
    expect(json.format).toBe('commander.incident.v1');
    expect(json.incident).toMatchObject({
      id: 1,
      severity: 'SEV2',
      status: 'resolved',
      roles: { scribe: 'UCAROL' },
      rootCause: 'A config flag defaulted to on in v42',
    });
    expect(json.keyTimes).toMatchObject({
      impactStarted: Date.UTC(2026, 2, 8, 6, 31, 30),
      timeToDetect: 8.5 * MIN,
      timeToResolve: 75.5 * MIN,
    });
    expect(json.phases.map((p: { status: string }) => p.status)).toEqual([
      'investigating',
      'identified',
      'monitoring',
      'resolved',
    ]);
    expect(json.phases[0]).toEqual({
      status: 'investigating',
      from: '2026-03-08T06:40:00.000Z',
      to: '2026-03-08T06:52:00.000Z',
    });
    expect(json.severityChanges).toEqual([{ at: '2026-03-08T07:07:00.000Z', from: 'SEV1', to: 'SEV2' }]);
    expect(json.statusUpdates).toHaveLength(3);
    expect(json.followups).toHaveLength(2);
    expect(json.timeline).toHaveLength(await store.timeline.count(incident.id));
    expect(json.timeline[0].kind).toBe('declared');
  });

  it('refuses an incident that does not exist', async () => {
    const { postmortem } = await fixedIncident();
    await expect(postmortem.render(99, 'md')).rejects.toThrow('Incident #99 does not exist.');
  });
});
