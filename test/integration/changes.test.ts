import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { ANNOUNCE_CHANNEL, type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries, storedIncidents } from '../support/stored';
import { declareIncident, messageContaining, openedView } from './flows';

const SEC = 1_000;
const ADMIN = 'UADMIN0001';
const SHORT_CADENCE = {
  admins: [ADMIN],
  reminders: { repeatAfter: '10s', snoozeFor: '20s', checkEvery: '1s' },
  severities: [
    { id: 'SEV1', name: 'Critical', updateEvery: '30s', escalateAfterMissed: 2 },
    { id: 'SEV2', name: 'High', updateEvery: '60s', escalateAfterMissed: 2 },
    { id: 'SEV3', name: 'Medium', updateEvery: '10m' },
    DEFAULT_POLICY_INPUT.severities[3],
  ],
};

describe.each(APP_ENGINES)('on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ policy: SHORT_CADENCE, ...(await database.options()) });
    h.fake.addUser({ id: ADMIN, name: 'admin', tz: 'UTC' });
  });
  afterEach(async () => h.stop());

  const timelineKinds = async (incidentId: number) => (await storedEntries(h.store, { incidentId })).map((e) => e.kind);

  /** The DMs a person received from the app. */
  function dmsTo(userId: string) {
    return h.fake.messages(h.fake.dmWith(userId));
  }

  /** What the person who ran the command was told privately afterwards (through its response URL). */
  const toldAfter = (reply: { responseUrl: string }) => h.fake.responses(reply.responseUrl).at(-1)?.body.text;

  describe('changing severity', () => {
    it('announces the change in the channel and, when it becomes major, in the announcement channel; topic and summary follow', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), {
        title: 'Slow logins',
        severity: 'SEV3',
        commander: PEOPLE.bob,
      });
      expect(h.fake.messages(ANNOUNCE_CHANNEL)).toHaveLength(1);

      const reply = await h.user(PEOPLE.bob).command('severity sev1 Error rate is climbing', incident.channelId);

      const note = messageContaining(h, incident.channelId, 'Severity changed');
      expect(JSON.stringify(note?.blocks)).toContain('from *SEV3 · Medium* to *SEV1 · Critical*');
      expect(JSON.stringify(note?.blocks)).toContain('Error rate is climbing');
      expect(h.fake.channel(incident.channelId)?.topic).toMatch(/^SEV1 · Critical \|/);
      const kickoff = h.fake.messages(incident.channelId)[0];
      expect(JSON.stringify(kickoff?.blocks)).toContain('SEV1 · Critical');
      const announced = h.fake.messages(ANNOUNCE_CHANNEL);
      expect(announced).toHaveLength(2);
      expect(JSON.stringify(announced[1]?.blocks)).toContain('is now SEV1 · Critical');
      expect(toldAfter(reply)).toBe('Severity is now SEV1.');
      expect(await timelineKinds(incident.incidentId)).toContain('severity_changed');
    });

    it('re-plans the reminders with the new cadence, at once when the new due time has passed', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), {
        title: 'Creeping',
        severity: 'SEV3',
        commander: PEOPLE.bob,
      });
      h.clock.advance(45 * SEC);
      await h.tick();
      expect(dmsTo(PEOPLE.bob)).toHaveLength(0);

      await h.user(PEOPLE.bob).command('severity SEV1', incident.channelId);
      await h.tick();
      expect(dmsTo(PEOPLE.bob)).toHaveLength(1);
    });

    it('refuses an unknown severity and lists the valid ones', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Typo', commander: PEOPLE.bob });
      const reply = await h.user(PEOPLE.bob).command('severity P1', incident.channelId);
      expect(h.fake.responses(reply.responseUrl)[0]?.body.text).toBe(
        'There is no severity "P1". Choose one of: SEV1 (Critical), SEV2 (High), SEV3 (Medium), SEV4 (Low).',
      );
      expect(messageContaining(h, incident.channelId, 'Severity changed')).toBeUndefined();
    });

    it('refuses someone who is neither in the channel nor holding a role, and lets an admin through', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), {
        title: 'Guarded',
        severity: 'SEV2',
        commander: PEOPLE.bob,
      });
      const refused = await h.user(PEOPLE.carol).command('severity SEV4', incident.channelId);
      expect(refused.json.text).toContain(`Only members of <#${incident.channelId}>`);
      expect((await h.commander.incidents.get(incident.incidentId))?.severity).toBe('SEV2');

      await h.user(ADMIN).command('severity SEV4', incident.channelId);
      expect((await h.commander.incidents.get(incident.incidentId))?.severity).toBe('SEV4');
    });

    it('says so when the incident already has that severity, and changes nothing', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Same', commander: PEOPLE.bob });
      const reply = await h.user(PEOPLE.bob).command('severity SEV1', incident.channelId);
      expect(toldAfter(reply)).toBe(`Incident #${incident.incidentId} already is SEV1.`);
      expect(await timelineKinds(incident.incidentId)).not.toContain('severity_changed');
    });
  });

  describe('assigning roles', () => {
    it('/incident assign invites the person, tells them by DM what the role means and updates the summary', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Comms needed', commander: PEOPLE.bob });
      await h.user(PEOPLE.bob).command(`assign comms <@${PEOPLE.carol}|carol>`, incident.channelId);

      expect(h.fake.channel(incident.channelId)?.members.has(PEOPLE.carol)).toBe(true);
      const [dm] = dmsTo(PEOPLE.carol);
      expect(JSON.stringify(dm?.blocks)).toContain('You are now the *Communications lead*');
      expect(JSON.stringify(dm?.blocks)).toContain('Keeps stakeholders and customers informed');
      const kickoff = h.fake.messages(incident.channelId)[0];
      expect(JSON.stringify(kickoff?.blocks)).toContain(`*Communications lead*\\n<@${PEOPLE.carol}>`);
      expect(
        JSON.stringify(messageContaining(h, incident.channelId, 'is now *Communications lead*')?.blocks),
      ).toContain(`<@${PEOPLE.carol}>`);
      expect((await h.commander.incidents.get(incident.incidentId))?.roles).toEqual({ comms: PEOPLE.carol });
      expect(await timelineKinds(incident.incidentId)).toContain('role_assigned');
    });

    it('two roles assigned at the same moment are both kept', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Busy', commander: PEOPLE.bob });
      h.fake.addUser({ id: 'UDAVE00004', name: 'dave' });
      // Alice holds no role, so each request asks Slack whether she is in the channel: they overlap.
      await Promise.all([
        h.user(PEOPLE.alice).command(`assign comms <@${PEOPLE.carol}|carol>`, incident.channelId),
        h.user(PEOPLE.alice).command('assign scribe <@UDAVE00004|dave>', incident.channelId),
      ]);
      expect((await h.commander.incidents.get(incident.incidentId))?.roles).toEqual({
        comms: PEOPLE.carol,
        scribe: 'UDAVE00004',
      });
    });

    it('answers bad arguments and unknown roles with what to type', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Roles', commander: PEOPLE.bob });
      const noMention = await h.user(PEOPLE.bob).command('assign comms carol', incident.channelId);
      expect(noMention.json.text).toBe(
        'Usage: `/incident assign &lt;role&gt; @person`, e.g. `/incident assign comms @alex`. Roles: commander, comms, scribe.',
      );
      const unknown = await h.user(PEOPLE.bob).command(`assign janitor <@${PEOPLE.carol}>`, incident.channelId);
      expect(h.fake.responses(unknown.responseUrl)[0]?.body.text).toBe(
        'There is no role "janitor". Choose one of: commander, comms, scribe.',
      );
    });

    describe('refuses a role for someone who cannot hold one, and records nothing', () => {
      it.each([
        ['Commander itself', 'UBOTCOMMANDER', 'commander', /^<@UBOTCOMMANDER> is an app, not a person\./],
        ['another app', 'UDEPLOYBOT1', 'commander', /^<@UDEPLOYBOT1> is an app, not a person\./],
        ['a user Slack does not know', 'UNOSUCH0001', 'scribe', /^Slack does not know that person\./],
        ['a deactivated account', 'UGONE00001', 'comms', /^That person's account is deactivated\./],
      ])('/incident assign with %s answers with a sentence', async (_name, userId, role, sentence) => {
        h.fake.addUser({ id: 'UDEPLOYBOT1', name: 'deploybot', is_bot: true });
        h.fake.addUser({ id: 'UGONE00001', name: 'gone', deleted: true });
        const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Robots', commander: PEOPLE.bob });
        const reply = await h.user(PEOPLE.bob).command(`assign ${role} <@${userId}>`, incident.channelId);
        expect(toldAfter(reply)).toMatch(sentence);
        expect(await h.commander.incidents.get(incident.incidentId)).toMatchObject({
          commanderId: PEOPLE.bob,
          roles: {},
        });
        expect(await timelineKinds(incident.incidentId)).not.toContain('role_assigned');
        expect(h.fake.calls('conversations.invite').filter((c) => c.args.users === userId)).toHaveLength(0);
      });

      it('the Assign role form shows the refusal under the person field', async () => {
        const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Robots', commander: PEOPLE.bob });
        await h.user(PEOPLE.bob).click(h.fake.messages(incident.channelId)[0]!, 'incident_open_assign');
        const response = await h
          .user(PEOPLE.bob)
          .submit(openedView(h, 'assign_role'), { role: 'commander', person: 'UBOTCOMMANDER' });
        expect(response.json).toEqual({
          response_action: 'errors',
          errors: { person: 'That user is an app, not a person. Roles go to the people handling the incident.' },
        });
        expect((await h.commander.incidents.get(incident.incidentId))?.commanderId).toBe(PEOPLE.bob);
      });

      it('the declare form refuses an app as commander under the field', async () => {
        await h.user(PEOPLE.alice).command('declare Robots');
        const response = await h
          .user(PEOPLE.alice)
          .submit(openedView(h, 'declare_incident'), { severity: 'SEV2', commander: 'UBOTCOMMANDER' });
        expect(response.json).toEqual({
          response_action: 'errors',
          errors: { commander: expect.stringMatching(/^That user is an app, not a person\./) },
        });
        expect(await storedIncidents(h.store)).toHaveLength(0);
      });
    });

    it('handing over the commander role moves the reminders to the new commander', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Handover', commander: PEOPLE.bob });
      await h.user(PEOPLE.bob).command(`assign commander <@${PEOPLE.carol}|carol>`, incident.channelId);
      expect(h.fake.channel(incident.channelId)?.topic).toContain(`Commander <@${PEOPLE.carol}>`);

      h.clock.advance(30 * SEC);
      await h.tick();
      expect(
        dmsTo(PEOPLE.carol)
          .map((m) => JSON.stringify(m.blocks))
          .some((b) => b.includes('A status update is due')),
      ).toBe(true);
      expect(dmsTo(PEOPLE.bob)).toHaveLength(0);
    });

    it('the kick-off message’s Assign role button opens a form that assigns the role', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Buttons', commander: PEOPLE.bob });
      const kickoff = h.fake.messages(incident.channelId)[0]!;
      await h.user(PEOPLE.bob).click(kickoff, 'incident_open_assign');
      await h.user(PEOPLE.bob).submit(openedView(h, 'assign_role'), { role: 'scribe', person: PEOPLE.carol });
      expect((await h.commander.incidents.get(incident.incidentId))?.roles).toEqual({ scribe: PEOPLE.carol });
      expect(JSON.stringify(h.fake.messages(incident.channelId)[0]?.blocks)).toContain(`*Scribe*\\n<@${PEOPLE.carol}>`);
    });

    it('does not open the role form for someone who may not change the incident, and tells them why', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Outsider', commander: PEOPLE.bob });
      const kickoff = h.fake.messages(incident.channelId)[0]!;
      await h.user(PEOPLE.carol).click(kickoff, 'incident_open_assign');
      expect(h.fake.calls('views.open')).toHaveLength(1); // the declare form only
      expect(h.fake.responses().at(-1)?.body.text).toContain(`Only members of <#${incident.channelId}>`);
    });

    it('asks Slack who is in the channel before opening the form, when it does not know', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Ask first', commander: PEOPLE.bob });
      const kickoff = h.fake.messages(incident.channelId)[0]!;
      h.fake.channel(incident.channelId)!.members.add(PEOPLE.carol); // she joined; no event has told the app yet
      const calls = h.fake.calls().length;
      await h.user(PEOPLE.carol).click(kickoff, 'incident_open_assign');
      const methods = h.fake
        .calls()
        .slice(calls)
        .map((c) => c.method);
      expect(methods).toEqual(['conversations.members', 'views.open']);
      expect(h.fake.views().at(-1)?.view.callback_id).toBe('assign_role');
    });
  });

  describe('resolving and reopening', () => {
    it('only people allowed to change the incident can resolve it', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), {
        title: 'Resolve guard',
        commander: PEOPLE.bob,
      });
      const refused = await h.user(PEOPLE.carol).command('resolve', incident.channelId);
      expect(refused.json.text).toContain('Only members of');
      expect(h.fake.calls('views.open')).toHaveLength(1); // the declare form only
    });

    it('/incident reopen brings a resolved incident back to Investigating with reminders running again', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Came back', commander: PEOPLE.bob });
      await h.user(PEOPLE.bob).command('resolve', incident.channelId);
      await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), { resolution: 'Restarted' });

      await h.user(PEOPLE.bob).command('reopen Errors are back', incident.channelId);
      const reopened = await h.commander.incidents.get(incident.incidentId);
      expect(reopened).toMatchObject({ status: 'investigating', resolvedAt: null });
      expect(JSON.stringify(messageContaining(h, incident.channelId, 'Incident reopened')?.blocks)).toContain(
        'Errors are back',
      );
      expect(JSON.stringify(h.fake.messages(incident.channelId)[0]?.blocks)).toContain('incident_open_resolve');

      h.clock.advance(30 * SEC);
      await h.tick();
      expect(dmsTo(PEOPLE.bob)).toHaveLength(1);
    });

    it('/incident reopen on an open incident says it is not resolved', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Still open', commander: PEOPLE.bob });
      const reply = await h.user(PEOPLE.bob).command('reopen', incident.channelId);
      expect(h.fake.responses(reply.responseUrl)[0]?.body.text).toBe(
        `Incident #${incident.incidentId} is not resolved.`,
      );
    });
  });
});
