import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries, storedLine } from '../support/stored';
import { declareIncident, messageContaining, openedView } from './flows';

const SEC = 1_000;
const MANAGER = 'UMANAGER01';
const SHORT_CADENCE = {
  reminders: { repeatAfter: '10s', snoozeFor: '20s', checkEvery: '1s' },
  severities: [
    {
      id: 'SEV1',
      name: 'Critical',
      updateEvery: '30s',
      escalateAfterMissed: 2,
      escalateTo: { users: [MANAGER], usergroup: 'SONCALL01' },
    },
    { id: 'SEV2', name: 'High', updateEvery: '60s', escalateAfterMissed: 2 },
    ...DEFAULT_POLICY_INPUT.severities.slice(2),
  ],
};

describe.each(APP_ENGINES)('on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ policy: SHORT_CADENCE, ...(await database.options()) });
    h.fake.addUser({ id: MANAGER, name: 'manager', tz: 'UTC' });
  });
  afterEach(async () => h.stop());

  /** The DMs a person received from the app. */
  function dmsTo(userId: string) {
    return h.fake.messages(h.fake.dmWith(userId));
  }

  async function postUpdate(channelId: string, summary: string) {
    await h.user(PEOPLE.bob).command('update', channelId);
    await h.user(PEOPLE.bob).submit(openedView(h, 'post_update'), { status: 'identified', summary });
  }

  describe('status-update reminders', () => {
    it('when an update falls due the commander gets a DM with the incident, the time since the last update and buttons', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), {
        title: 'Checkout down',
        commander: PEOPLE.bob,
      });
      h.clock.advance(29 * SEC);
      await h.tick();
      expect(dmsTo(PEOPLE.bob)).toHaveLength(0);

      h.clock.advance(1 * SEC);
      await h.tick();
      const [dm] = dmsTo(PEOPLE.bob);
      const json = JSON.stringify(dm?.blocks);
      expect(json).toContain('A status update is due');
      expect(json).toContain(`<#${incident.channelId}>`);
      expect(json).toContain('Declared 30s ago');
      for (const action of ['reminder_post_update', 'reminder_snooze', 'reminder_open_channel'])
        expect(json).toContain(action);
      expect(json).toContain('Snooze 20s');
      expect(messageContaining(h, incident.channelId, 'Status update overdue')).toBeDefined();
      expect(dmsTo(PEOPLE.alice)).toHaveLength(0);
    });

    it('after an update no reminder comes until the next due time', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Quiet', commander: PEOPLE.bob });
      h.clock.advance(20 * SEC);
      await postUpdate(incident.channelId, 'Found it');
      h.clock.advance(29 * SEC);
      await h.tick();
      expect(dmsTo(PEOPLE.bob)).toHaveLength(0);
      h.clock.advance(1 * SEC);
      await h.tick();
      expect(dmsTo(PEOPLE.bob)).toHaveLength(1);
    });

    it('the DM’s Post update button opens the update modal pre-filled with the last status', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'From DM', commander: PEOPLE.bob });
      await postUpdate(incident.channelId, 'Mitigation under way');
      h.clock.advance(30 * SEC);
      await h.tick();
      const [dm] = dmsTo(PEOPLE.bob);
      await h.user(PEOPLE.bob).click(dm!, 'reminder_post_update');
      const view = openedView(h, 'post_update');
      expect(JSON.stringify(view.view.blocks)).toContain(
        '"initial_option":{"text":{"type":"plain_text","text":"Identified"',
      );
      await h.user(PEOPLE.bob).submit(view, { summary: 'Still mitigating' });
      expect(messageContaining(h, incident.channelId, 'Still mitigating')).toBeDefined();
      const kinds = (await storedEntries(h.store, { kind: /^reminder/ })).map((e) => e.kind);
      expect(kinds).toEqual(['reminder_sent', 'reminder_answered']);
    });

    it('Snooze moves the next reminder out and says until when', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Snooze', commander: PEOPLE.bob });
      h.clock.advance(30 * SEC);
      await h.tick();
      const [dm] = dmsTo(PEOPLE.bob);
      await h.user(PEOPLE.bob).click(dm!, 'reminder_snooze');
      const reply = h.fake.responses().at(-1);
      expect(reply?.body.replace_original).toBe(true);
      expect(JSON.stringify(reply?.body.blocks)).toContain('Snoozed by');
      h.clock.advance(19 * SEC);
      await h.tick();
      expect(dmsTo(PEOPLE.bob)).toHaveLength(1);
      h.clock.advance(1 * SEC);
      await h.tick();
      expect(dmsTo(PEOPLE.bob)).toHaveLength(2);
      expect(await storedEntries(h.store, { incidentId: incident.incidentId, kind: 'reminder_snoozed' })).toHaveLength(
        1,
      );
    });

    it('Snooze works reminders.maxSnoozes times a streak; then the reminder says so, has no Snooze, and escalation still comes', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Snoozy', commander: PEOPLE.bob });
      for (const wait of [30, 20]) {
        h.clock.advance(wait * SEC);
        await h.tick();
        const dm = dmsTo(PEOPLE.bob).at(-1);
        expect(JSON.stringify(dm?.blocks)).toContain('reminder_snooze');
        await h.user(PEOPLE.bob).click(dm!, 'reminder_snooze');
      }
      h.clock.advance(20 * SEC);
      await h.tick();
      const last = JSON.stringify(dmsTo(PEOPLE.bob).at(-1)?.blocks);
      expect(last).not.toContain('reminder_snooze');
      expect(last).toContain('No more snoozes for this streak');
      expect(dmsTo(MANAGER)).toHaveLength(1);
      expect(messageContaining(h, incident.channelId, 'Escalated')).toBeDefined();
    });

    it('escalates to the contacts after two unanswered reminders, with a visible note naming them', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Nobody home', commander: PEOPLE.bob });
      h.clock.advance(30 * SEC);
      await h.tick();
      h.clock.advance(10 * SEC);
      await h.tick();
      expect(dmsTo(MANAGER)).toHaveLength(0);
      h.clock.advance(10 * SEC);
      await h.tick();
      expect(dmsTo(MANAGER)).toHaveLength(1);
      expect(JSON.stringify(dmsTo(MANAGER)[0]?.blocks)).toContain('You are being called in');
      expect(h.fake.channel(incident.channelId)?.members.has(MANAGER)).toBe(true);
      const note = messageContaining(h, incident.channelId, 'Escalated');
      expect(JSON.stringify(note?.blocks)).toContain(`<@${MANAGER}>`);
      expect(JSON.stringify(note?.blocks)).toContain('<!subteam^SONCALL01>');
      h.clock.advance(10 * SEC);
      await h.tick();
      expect(dmsTo(MANAGER)).toHaveLength(1);
      expect(await storedEntries(h.store, { kind: 'escalated' })).toHaveLength(1);
    });

    it('sends nothing after the incident is resolved', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Over', commander: PEOPLE.bob });
      await h.user(PEOPLE.bob).command('resolve', incident.channelId);
      await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), { resolution: 'Fixed' });
      h.clock.advance(10 * 60 * SEC);
      await h.tick();
      expect(dmsTo(PEOPLE.bob)).toHaveLength(0);
    });

    it('a reminder that fell due while the app was down is sent exactly once after the restart', async () => {
      await declareIncident(h, h.user(PEOPLE.alice), { title: 'Restart', commander: PEOPLE.bob });
      await h.commander.stop();
      h.clock.advance(5 * 60 * SEC);
      await h.restart();
      await h.tick();
      await h.tick();
      expect(dmsTo(PEOPLE.bob)).toHaveLength(1);
    });

    it('retries a DM that Slack failed with a 500, and records a user Slack cannot find without retrying forever', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Flaky', commander: PEOPLE.bob });
      h.fake.fail('chat.postMessage', { status: 500 });
      h.clock.advance(30 * SEC);
      await h.tick();
      expect(dmsTo(PEOPLE.bob)).toHaveLength(0);
      h.clock.advance(30 * SEC);
      await h.tick();
      expect(dmsTo(PEOPLE.bob)).toHaveLength(1);

      const ghost = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Ghost', commander: PEOPLE.carol });
      // A DM goes to the person's user id; Slack answers channel_not_found when it cannot reach them.
      h.fake.fail('chat.postMessage', { error: 'channel_not_found' }, 3, (args) => args.channel === PEOPLE.carol);
      h.clock.advance(30 * SEC);
      await h.tick();
      const failed = (await storedEntries(h.store, { incidentId: ghost.incidentId, kind: 'reminder_failed' })).map(
        storedLine,
      );
      expect(failed).toEqual([`Reminder to @${PEOPLE.carol} could not be delivered (channel_not_found)`]);
      expect(incident).toBeDefined();
    });
  });
});
