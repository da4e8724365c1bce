import { APP_ENGINES, forceRows } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { messageContaining, openedView } from './flows';
import { LADDERS, LEADERS, LOWER_SEVERITIES, MANAGER, MIN, ladderStage } from './escalation-stage';

describe.each(APP_ENGINES)('on %s', (engine) => {
  const stage = ladderStage(engine);
  const { dmsTo, dmsWith, escalations, kinds, at, declare, postStatus, acknowledgeFromDm } = stage;
  let h: Harness;
  beforeEach(async () => {
    h = await stage.start();
  });
  afterEach(async () => stage.stop());

  describe('acknowledgement', () => {
    it('the commander is asked by DM at once, again after acknowledgeWithin with a channel note; Acknowledge records it', async () => {
      const incident = await declare();
      const [request] = dmsWith(PEOPLE.alice, 'incident_acknowledge');
      expect(JSON.stringify(request?.blocks)).toContain('You are the incident commander');
      expect(JSON.stringify(request?.blocks)).toContain(`<#${incident.channelId}>`);
      expect(JSON.stringify(request?.blocks)).toContain('reminder_open_channel');

      await at(4.99);
      expect(dmsWith(PEOPLE.alice, 'incident_acknowledge')).toHaveLength(1);
      await at(5);
      expect(dmsWith(PEOPLE.alice, 'Not acknowledged yet')).toHaveLength(1);
      expect(messageContaining(h, incident.channelId, 'has not acknowledged this incident within 5m')).toBeDefined();
      await at(6);
      expect(dmsWith(PEOPLE.alice, 'incident_acknowledge')).toHaveLength(2);

      await acknowledgeFromDm(PEOPLE.alice);
      await acknowledgeFromDm(PEOPLE.alice);
      expect(JSON.stringify(h.fake.responses().at(-1)?.body.blocks)).toContain(`Acknowledged by <@${PEOPLE.alice}>`);
      expect((await kinds(incident.incidentId)).filter((k) => k === 'acknowledged')).toHaveLength(1);
      expect(await kinds(incident.incidentId)).toContain('acknowledgement_overdue');
      expect((await h.commander.incidents.get(incident.incidentId))?.acknowledgedAt).toBe(stage.declaredAt + 6 * MIN);
    });

    it('acknowledging in time stops the second DM; declaring with yourself as commander counts as acknowledged', async () => {
      const asked = await declare();
      await acknowledgeFromDm(PEOPLE.alice);
      await at(5);
      expect(dmsWith(PEOPLE.alice, 'Not acknowledged yet')).toHaveLength(0);
      expect(await kinds(asked.incidentId)).not.toContain('acknowledgement_overdue');

      const own = await declare('SEV1', PEOPLE.carol);
      expect(dmsWith(PEOPLE.carol, 'incident_acknowledge')).toHaveLength(0);
      expect((await h.commander.incidents.get(own.incidentId))?.acknowledgedAt).toBe(stage.declaredAt);
      expect(await kinds(own.incidentId)).toContain('acknowledged');
    });

    it('a new commander is asked in turn', async () => {
      const incident = await declare();
      await acknowledgeFromDm(PEOPLE.alice);
      await h.user(PEOPLE.alice).command(`assign commander <@${PEOPLE.carol}|carol>`, incident.channelId);
      await at(1);
      expect(dmsWith(PEOPLE.carol, 'You are the incident commander')).toHaveLength(1);
    });
  });

  describe('the ladder on the clock', () => {
    it('SEV1 not acknowledged: the secondary at 15m, the manager at 30m, leadership at 60m, each once, with a briefing', async () => {
      const incident = await declare();
      await at(14.9);
      expect(await escalations(incident.incidentId)).toEqual([]);
      await at(15);
      expect(await escalations(incident.incidentId)).toEqual(['1:time']);
      const [briefing] = dmsWith(PEOPLE.bob, 'You are on call as backup and are being called in');
      const text = JSON.stringify(briefing?.blocks);
      for (const part of [
        'level 1 (on-call platform.secondary): not acknowledged 15m after the declaration',
        'SEV1 · Critical',
        'Investigating',
        'Customers see errors at checkout',
        '*Last update:* none yet',
        `*Commander:* <@${PEOPLE.alice}>`,
        '*Open for:* 15m',
        'Join channel',
        'incident_acknowledge',
      ])
        expect(text).toContain(part);
      expect(h.fake.channel(incident.channelId)?.members.has(PEOPLE.bob)).toBe(true);
      expect(JSON.stringify(messageContaining(h, incident.channelId, 'Escalated')?.blocks)).toContain(
        `Escalated* to the on-call backup <@${PEOPLE.bob}>: level 1`,
      );

      await at(29.9);
      expect(dmsTo(MANAGER)).toHaveLength(0);
      await at(30);
      expect(dmsWith(MANAGER, 'not mitigated 30m after the declaration')).toHaveLength(1);
      await at(60);
      expect(JSON.stringify(messageContaining(h, incident.channelId, LEADERS)?.blocks)).toContain(
        `<!subteam^${LEADERS}>: level 3 (leadership): not resolved 1h after the declaration`,
      );
      await at(120);
      expect(await escalations(incident.incidentId)).toEqual(['1:time', '2:time', '3:time']);
      expect(dmsWith(PEOPLE.bob, 'being called in')).toHaveLength(1);
    });

    it('SEV1 acknowledged: no secondary; the manager at 30m (not mitigated), leadership at 60m', async () => {
      const incident = await declare();
      await acknowledgeFromDm(PEOPLE.alice);
      await at(60);
      expect(await escalations(incident.incidentId)).toEqual(['2:time', '3:time']);
      expect(dmsWith(PEOPLE.bob, 'being called in')).toHaveLength(0);
    });

    it('SEV1 mitigated (not acknowledged): the secondary at 15m, no manager, leadership at 60m', async () => {
      const incident = await declare();
      await at(15);
      await postStatus(incident.channelId, 'mitigating');
      await at(60);
      expect(await escalations(incident.incidentId)).toEqual(['1:time', '3:time']);
      expect(dmsTo(MANAGER)).toHaveLength(0);
    });

    it('SEV1 acknowledged and mitigated: leadership only, at 60m; Monitoring counts as mitigated', async () => {
      const incident = await declare();
      await acknowledgeFromDm(PEOPLE.alice);
      await postStatus(incident.channelId, 'monitoring');
      await at(59);
      expect(await escalations(incident.incidentId)).toEqual([]);
      await at(60);
      expect(await escalations(incident.incidentId)).toEqual(['3:time']);
    });

    it('SEV1 resolved before a level’s time: nothing more fires', async () => {
      const incident = await declare();
      await at(20);
      await h.user(PEOPLE.alice).command('resolve', incident.channelId);
      await h.user(PEOPLE.alice).submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' });
      await at(120);
      expect(await escalations(incident.incidentId)).toEqual(['1:time']);
    });

    it('SEV2 not acknowledged: the secondary at 1h and the manager at 2h', async () => {
      const incident = await declare('SEV2');
      await at(59);
      expect(await escalations(incident.incidentId)).toEqual([]);
      await at(60);
      expect(await escalations(incident.incidentId)).toEqual(['1:time']);
      await at(119);
      await at(120);
      expect(await escalations(incident.incidentId)).toEqual(['1:time', '2:time']);
    });

    it('SEV2 acknowledged: no secondary; the manager at 2h unless mitigated', async () => {
      const acknowledged = await declare('SEV2');
      await acknowledgeFromDm(PEOPLE.alice);
      await at(120);
      expect(await escalations(acknowledged.incidentId)).toEqual(['2:time']);

      const mitigated = await declare('SEV2', PEOPLE.carol);
      await h.user(PEOPLE.carol).command('update', mitigated.channelId);
      await h
        .user(PEOPLE.carol)
        .submit(openedView(h, 'post_update'), { status: 'mitigating', summary: 'Failing over' });
      await at(180);
      expect(await escalations(mitigated.incidentId)).toEqual([]);
    });

    it('after a restart, two levels that fell due while Commander was down fire once each, in order', async () => {
      const incident = await declare();
      await h.commander.stop();
      h.clock.set(stage.declaredAt + 35 * MIN);
      await h.restart();
      await h.tick();
      await h.tick();
      expect(await escalations(incident.incidentId)).toEqual(['1:time', '2:time']);
      expect(dmsWith(PEOPLE.bob, 'being called in')).toHaveLength(1);
      expect(dmsWith(MANAGER, 'being called in')).toHaveLength(1);
      const notes = h.fake.messages(incident.channelId).filter((m) => JSON.stringify(m.blocks).includes('Escalated'));
      expect(notes.map((m) => JSON.stringify(m.blocks).match(/level \d/)?.[0])).toEqual(['level 1', 'level 2']);
    });
  });

  describe('the ladder by missed updates, by severity changes, and at start-up', () => {
    it('an incident declared before ladders existed gets its ladder at the next start', async () => {
      const incident = await declare();
      // What a version without ladders left: an open incident with no timers.
      await forceRows(h, 'DELETE FROM escalation_timers WHERE incident_id = ?', incident.incidentId);
      await h.restart();
      await at(35);
      expect(await escalations(incident.incidentId)).toEqual(['1:time', '2:time']);
    });

    it('missed updates climb the same ladder one level at a time; a level they fired does not fire again at its time', async () => {
      await stage.stop();
      const quick = { ...LADDERS.severities[0], updateEvery: '5m', escalateAfterMissed: 2 };
      const reminders = { repeatAfter: '1m', snoozeFor: '2m', checkEvery: '5s' };
      h = await stage.start({ ...LADDERS, reminders, severities: [quick, ...LOWER_SEVERITIES] });
      const incident = await declare();
      for (const minute of [5, 6, 7]) await at(minute);
      expect(await escalations(incident.incidentId)).toEqual(['1:missed_updates']);
      expect(dmsWith(PEOPLE.bob, '2 reminders to <@UALICE0001> unanswered')).toHaveLength(1);
      for (const minute of [8, 9]) await at(minute);
      expect(await escalations(incident.incidentId)).toEqual(['1:missed_updates', '2:missed_updates']);
      await at(15);
      await postStatus(incident.channelId, 'identified'); // a new streak, answered in time from here on
      await at(30);
      expect(await escalations(incident.incidentId)).toEqual(['1:missed_updates', '2:missed_updates']);
      await at(60);
      expect(await escalations(incident.incidentId)).toEqual(['1:missed_updates', '2:missed_updates', '3:time']);
    });

    it('a new severity brings its own ladder, counted from the declaration', async () => {
      const incident = await declare('SEV2');
      await at(10);
      await h.user(PEOPLE.alice).command('severity SEV1 spreading', incident.channelId);
      await at(15);
      expect(await escalations(incident.incidentId)).toEqual(['1:time']);
      for (const minute of [30, 60, 120, 180]) await at(minute);
      expect(await escalations(incident.incidentId)).toEqual(['1:time', '2:time', '3:time']);
    });

    it('warns once per level at start-up when a level has nobody to call in', async () => {
      const logLines: string[] = [];
      const other = await startHarness({ logLines, fake: h.fake });
      await other.stop();
      const warned = logLines
        .map((line) => JSON.parse(line))
        .filter((l) => l.msg === 'escalation level has nobody configured to call in; it will be skipped');
      expect(warned.map((l) => `${l.severity}/${l.level}`)).toEqual(['SEV1/1', 'SEV1/2', 'SEV1/3', 'SEV2/1', 'SEV2/2']);
    });

    it('Acknowledge is refused to people who may not change the incident', async () => {
      const incident = await declare();
      h.fake.addUser({ id: 'UMALLORY01', name: 'mallory', tz: 'UTC' });
      const [request] = dmsWith(PEOPLE.alice, 'incident_acknowledge');
      await h.user('UMALLORY01').click(request!, 'incident_acknowledge');
      expect((await h.commander.incidents.get(incident.incidentId))?.acknowledgedAt).toBeNull();
      expect(await kinds(incident.incidentId)).not.toContain('acknowledged');
    });
  });
});
