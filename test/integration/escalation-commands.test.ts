import { APP_ENGINES } from '../support/app-engines';
import { type Harness, PEOPLE } from '../support/harness';
import { messageContaining } from './flows';
import { LEADERS, MANAGER, MIN, ladderStage } from './escalation-stage';

describe.each(APP_ENGINES)('on %s', (engine) => {
  const stage = ladderStage(engine);
  const { dmsWith, escalations, kinds, at, declare, acknowledgeFromDm } = stage;
  let h: Harness;
  beforeEach(async () => {
    h = await stage.start();
  });
  afterEach(async () => stage.stop());

  describe('the next escalation', () => {
    it('/incident status and the pinned summary show the next level and when it fires', async () => {
      const incident = await declare();
      const fifteen = `<!date^${(stage.declaredAt + 15 * MIN) / 1000}^{time}`;
      const pinned = () =>
        JSON.stringify(h.fake.messages(incident.channelId).find((m) => m.text.includes('SEV1 incident'))?.blocks);
      expect(pinned()).toContain(`Next escalation: level 1 (on-call platform.secondary) ${fifteen}`);
      const reply = await h.user(PEOPLE.alice).command('status', incident.channelId);
      expect(JSON.stringify(reply.json.blocks)).toContain(
        `*Next escalation*\\nlevel 1 (on-call platform.secondary) ${fifteen}`,
      );
      expect(JSON.stringify(reply.json.blocks)).toContain('unless acknowledged');

      await acknowledgeFromDm(PEOPLE.alice);
      const thirty = `<!date^${(stage.declaredAt + 30 * MIN) / 1000}^{time}`;
      expect(pinned()).toContain(`Next escalation: level 2 (on-call manager) ${thirty}`);
      await at(30);
      expect(pinned()).toContain('Next escalation: level 3 (leadership)');
      await at(60);
      const after = await h.user(PEOPLE.alice).command('status', incident.channelId);
      expect(JSON.stringify(after.json.blocks)).toContain('None on the clock');
    });
  });

  describe('/incident escalate', () => {
    it('without an argument calls in the next level at once, which then counts as fired', async () => {
      const incident = await declare();
      await at(2);
      await h.user(PEOPLE.alice).command('escalate need a second pair of eyes', incident.channelId);
      expect(h.fake.responses().at(-1)?.body.text).toContain(
        `Called in level 1 (on-call platform.secondary): <@${PEOPLE.bob}>`,
      );
      expect(dmsWith(PEOPLE.bob, `<@${PEOPLE.alice}> escalated (need a second pair of eyes)`)).toHaveLength(1);
      await at(15);
      expect(await escalations(incident.incidentId)).toEqual(['1:manual']);
      await h.user(PEOPLE.alice).command('escalate', incident.channelId);
      expect(await escalations(incident.incidentId)).toEqual(['1:manual', '2:manual']);
      await at(30);
      expect(dmsWith(MANAGER, 'being called in')).toHaveLength(1);
      expect((await kinds(incident.incidentId)).filter((k) => k === 'escalated')).toHaveLength(2);
    });

    it('leaves a level the clock is calling in at that moment (on any replica) to the clock: the next one is called in', async () => {
      const incident = await declare();
      await at(2);
      const timers = await h.store.escalationTimers.list(incident.incidentId);
      const levelOne = timers.find((t) => t.kind === 'level' && t.level === 1)!.id;
      // Another replica's tick holds level 1: its DMs are on their way.
      const held = await h.store.leases.claim('escalationTimer', levelOne, h.clock.now(), {
        owner: 'another-replica',
        until: h.clock.now() + MIN,
      });
      expect(held).not.toBeNull();
      await h.user(PEOPLE.alice).command('escalate', incident.channelId);
      expect(await escalations(incident.incidentId)).toEqual(['2:manual']);
      expect(dmsWith(PEOPLE.bob, 'being called in')).toHaveLength(0);
      await h.user(PEOPLE.alice).command('escalate 1', incident.channelId);
      expect(h.fake.responses().at(-1)?.body.text).toContain('is being called in right now');
      expect(dmsWith(PEOPLE.bob, 'being called in')).toHaveLength(0);
    });

    it('with a person or a level calls in that person or level, with the same briefing', async () => {
      const incident = await declare();
      await h
        .user(PEOPLE.alice)
        .command(`escalate <@${PEOPLE.carol}|carol> knows the payments code`, incident.channelId);
      const [briefing] = dmsWith(PEOPLE.carol, 'You are being called in');
      expect(JSON.stringify(briefing?.blocks)).toContain(
        'a call by name: <@UALICE0001> escalated (knows the payments code)',
      );
      expect(JSON.stringify(briefing?.blocks)).toContain('*Open for:*');
      await h.user(PEOPLE.alice).command('escalate 3', incident.channelId);
      expect(messageContaining(h, incident.channelId, `<!subteam^${LEADERS}>`)).toBeDefined();
      expect(await escalations(incident.incidentId)).toEqual([`${PEOPLE.carol}:manual`, '3:manual']);
      await h.user(PEOPLE.alice).command('escalate 7', incident.channelId);
      expect(h.fake.responses().at(-1)?.body.text).toContain(
        'SEV1 has no level 7. Its levels: 1 (on-call platform.secondary)',
      );
    });

    it('is refused to people who may not change the incident', async () => {
      const incident = await declare();
      h.fake.addUser({ id: 'UMALLORY01', name: 'mallory', tz: 'UTC' });
      const reply = await h.user('UMALLORY01').command('escalate', incident.channelId);
      expect(reply.json.text).toMatch(/^Only members of/);
      expect(await escalations(incident.incidentId)).toEqual([]);
    });
  });

  describe('the comms timer', () => {
    it('reminds the commander once, in the channel and by DM, if nobody holds the comms role commsWithin in', async () => {
      const incident = await declare();
      await at(29);
      expect(dmsWith(PEOPLE.alice, 'Communications lead')).toHaveLength(0);
      await at(30);
      expect(dmsWith(PEOPLE.alice, 'Communications lead')).toHaveLength(1);
      expect(messageContaining(h, incident.channelId, 'nobody is the *Communications lead* yet')).toBeDefined();
      await at(90);
      expect(dmsWith(PEOPLE.alice, 'Communications lead')).toHaveLength(1);
      expect((await kinds(incident.incidentId)).filter((k) => k === 'comms_reminder')).toHaveLength(1);
    });

    it('says nothing when someone holds the role in time', async () => {
      const incident = await declare();
      await h.user(PEOPLE.alice).command(`assign comms <@${PEOPLE.carol}|carol>`, incident.channelId);
      await at(30);
      expect(messageContaining(h, incident.channelId, 'nobody is the')).toBeUndefined();
      expect(await kinds(incident.incidentId)).not.toContain('comms_reminder');
    });
  });
});
