import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { ANNOUNCE_CHANNEL, type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries, storedLine } from '../support/stored';
import { declareIncident, messageContaining, openedView } from './flows';

describe.each(APP_ENGINES)('on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(await database.options());
  });
  afterEach(async () => h.stop());

  describe('posting a status update', () => {
    it('/incident update in the incident channel opens the update modal with the current status', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Slow search' });
      h.fake.channel(incident.channelId)!.members.add(PEOPLE.bob);
      await h.user(PEOPLE.bob).command('update', incident.channelId);
      const view = openedView(h, 'post_update');
      expect(JSON.parse(view.view.private_metadata)).toMatchObject({ incidentId: incident.incidentId });
      expect(JSON.stringify(view.view.blocks)).toContain(
        '"initial_option":{"text":{"type":"plain_text","text":"Investigating"',
      );
    });

    it('posts the templated update, refreshes the pinned summary and topic, and mirrors a SEV1 update', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Slow search', commander: PEOPLE.bob });
      const bob = h.user(PEOPLE.bob);
      h.clock.advance(12 * 60_000);
      await bob.command('update', incident.channelId);
      const response = await bob.submit(openedView(h, 'post_update'), {
        status: 'identified',
        summary: 'A bad index on the search cluster',
        impact: 'Search takes 10s for everyone',
        next_steps: 'Rebuild the index',
      });
      expect(response.status).toBe(200);
      expect(response.text).toBe('');

      const update = messageContaining(h, incident.channelId, 'A bad index on the search cluster');
      const json = JSON.stringify(update?.blocks);
      for (const part of [
        'Identified',
        'Search takes 10s for everyone',
        'Rebuild the index',
        `<@${PEOPLE.bob}>`,
        'Next update due',
      ]) {
        expect(json).toContain(part);
      }
      const dueAt = (h.clock.now() + 15 * 60_000) / 1000;
      expect(json).toContain(`<!date^${dueAt}^`);

      const kickoff = messageContaining(h, incident.channelId, 'incident_open_update');
      expect(kickoff?.edited).toBe(true);
      expect(JSON.stringify(kickoff?.blocks)).toContain('Identified');
      expect(h.fake.channel(incident.channelId)?.topic).toContain('| Identified |');

      const mirrored = messageContaining(h, ANNOUNCE_CHANNEL, 'A bad index on the search cluster');
      expect(JSON.stringify(mirrored?.blocks)).toContain(`<#${incident.channelId}>`);
      const announcement = messageContaining(h, ANNOUNCE_CHANNEL, 'incident declared');
      expect(JSON.stringify(announcement?.blocks)).toContain('Identified');

      const statuses = (await storedEntries(h.store, { kind: 'status_update' })).map(storedLine);
      expect(statuses).toEqual(['Identified: A bad index on the search cluster']);
    });

    it('does not mirror updates of a SEV3 to the announcement channel', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Minor', severity: 'SEV3' });
      const before = h.fake.messages(ANNOUNCE_CHANNEL).length;
      await h.user(PEOPLE.alice).command('update', incident.channelId);
      await h
        .user(PEOPLE.alice)
        .submit(openedView(h, 'post_update'), { status: 'monitoring', summary: 'Fixed, watching' });
      expect(messageContaining(h, incident.channelId, 'Fixed, watching')).toBeDefined();
      expect(h.fake.messages(ANNOUNCE_CHANNEL)).toHaveLength(before);
    });

    it('the kick-off message’s Post update button opens the same modal', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Button' });
      h.fake.channel(incident.channelId)!.members.add(PEOPLE.bob);
      const kickoff = messageContaining(h, incident.channelId, 'incident_open_update')!;
      const response = await h.user(PEOPLE.bob).click(kickoff, 'incident_open_update');
      expect(response.status).toBe(200);
      expect(openedView(h, 'post_update').view.title.text).toBe(`Update #${incident.incidentId}`);
    });

    it('asks for what changed, under the field, when it is left empty', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Empty' });
      await h.user(PEOPLE.alice).command('update', incident.channelId);
      const response = await h
        .user(PEOPLE.alice)
        .submit(openedView(h, 'post_update'), { status: 'identified', summary: '' });
      expect(response.json).toEqual({
        response_action: 'errors',
        errors: { summary: 'Say what changed since the last update.' },
      });
    });

    it('posts an update once when the same submission arrives twice', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Twice' });
      await h.user(PEOPLE.alice).command('update', incident.channelId);
      const view = openedView(h, 'post_update');
      await h.user(PEOPLE.alice).submit(view, { status: 'mitigating', summary: 'Failing over' });
      await h
        .user(PEOPLE.alice)
        .submit(view, { status: 'mitigating', summary: 'Failing over' }, { 'x-slack-retry-num': '1' });
      expect(h.fake.messages(incident.channelId).filter((m) => m.text.includes('Failing over'))).toHaveLength(1);
    });

    it('tells the author privately when Slack fails to take the update', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Flaky' });
      await h.user(PEOPLE.alice).command('update', incident.channelId);
      h.fake.fail('chat.postMessage', { status: 500 });
      await h.user(PEOPLE.alice).submit(openedView(h, 'post_update'), { status: 'identified', summary: 'Lost?' });
      const ephemeral = h.fake.lastCall('chat.postEphemeral');
      expect(ephemeral?.args).toMatchObject({ channel: incident.channelId, user: PEOPLE.alice });
      expect(ephemeral?.args.text).toContain(
        'Posting the update in the incident channel failed: Slack had a problem answering',
      );
      // The update itself is kept: it is on the timeline.
      expect(await storedEntries(h.store, { kind: 'status_update' })).toHaveLength(1);
    });

    it('answers outside an incident channel with a clear message', async () => {
      const response = await h.user(PEOPLE.alice).command('update', 'CGENERAL');
      expect(response.json).toEqual({
        response_type: 'ephemeral',
        text: 'This is not an incident channel. Run this command in the channel of the incident.',
      });
      expect(h.fake.calls('views.open')).toHaveLength(0);
    });
  });

  describe('resolving', () => {
    it('posts the Resolved update with the duration and closes the incident everywhere', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), {
        title: 'Payments down',
        commander: PEOPLE.bob,
      });
      h.clock.advance(83 * 60_000);
      await h.user(PEOPLE.bob).command('resolve', incident.channelId);
      await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), {
        resolution: 'Rolled back the payments deploy',
        root_cause: 'A config flag flipped in the deploy',
      });

      const resolved = messageContaining(h, incident.channelId, 'Rolled back the payments deploy');
      const json = JSON.stringify(resolved?.blocks);
      expect(json).toContain('Resolved* after *1h 23m');
      expect(json).toContain('A config flag flipped in the deploy');

      const kickoffTs = (await h.commander.incidents.get(incident.incidentId))?.kickoffTs;
      const kickoff = h.fake.messages(incident.channelId).find((m) => m.ts === kickoffTs);
      expect(JSON.stringify(kickoff?.blocks)).not.toContain('incident_open_update');
      expect(JSON.stringify(kickoff?.blocks)).toContain('Resolved after 1h 23m');
      expect(h.fake.channel(incident.channelId)?.topic).toContain('| Resolved |');
      expect(JSON.stringify(messageContaining(h, ANNOUNCE_CHANNEL, 'incident resolved')?.blocks)).toContain('Resolved');
      expect(messageContaining(h, ANNOUNCE_CHANNEL, 'is *resolved* after 1h 23m')).toBeDefined();

      const [row] = await storedEntries(h.store, { kind: 'resolved' });
      expect(row).toMatchObject({ kind: 'resolved', actorId: PEOPLE.bob });
    });

    it('refuses updates and a second resolve once resolved', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Done' });
      await h.user(PEOPLE.alice).command('resolve', incident.channelId);
      await h.user(PEOPLE.alice).submit(openedView(h, 'resolve_incident'), { resolution: 'Fixed' });
      for (const sub of ['update', 'resolve']) {
        const response = await h.user(PEOPLE.alice).command(sub, incident.channelId);
        expect(response.json?.text).toBe(`Incident #${incident.incidentId} is already resolved.`);
      }
    });

    it('needs a resolution summary', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Needs words' });
      await h.user(PEOPLE.alice).command('resolve', incident.channelId);
      const response = await h.user(PEOPLE.alice).submit(openedView(h, 'resolve_incident'), { resolution: ' ' });
      expect(response.json).toEqual({
        response_action: 'errors',
        errors: { resolution: 'Say how the incident was resolved.' },
      });
    });

    it('the Resolve button opens the resolve modal', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Button' });
      const kickoff = messageContaining(h, incident.channelId, 'incident_open_resolve')!;
      await h.user(PEOPLE.alice).click(kickoff, 'incident_open_resolve');
      expect(openedView(h, 'resolve_incident').view.title.text).toBe(`Resolve #${incident.incidentId}`);
    });
  });
});
