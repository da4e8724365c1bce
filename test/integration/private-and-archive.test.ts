import { ANNOUNCE_CHANNEL, type Harness, PEOPLE, SIGNING_SECRET, startHarness } from '../support/harness';
import { SlackUser } from '../support/slack-user';
import { storedEntries } from '../support/stored';
import { declareIncident, messageContaining, openedView } from './flows';

const PRIVATE_ANNOUNCE = 'GSECURITY1';
const MIN = 60_000;

let h: Harness;
afterEach(async () => h.stop());

async function declarePrivately(title: string) {
  await h.user(PEOPLE.alice).command(`declare ${title}`);
  await h
    .user(PEOPLE.alice)
    .submit(openedView(h, 'declare_incident'), { severity: 'SEV1', commander: PEOPLE.bob, visibility: 'private' });
  const channel = h.fake.okCalls('conversations.create').at(-1)!.response.channel;
  return { channelId: channel.id as string, incident: (await h.commander.incidents.findByChannel(channel.id))! };
}

async function resolve(channelId: string) {
  await h.user(PEOPLE.bob).command('resolve', channelId);
  await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), { resolution: 'Fixed' });
}

describe('private (security) incidents', () => {
  it('get a private channel and are never announced in the public announcement channel', async () => {
    h = await startHarness();
    const { channelId, incident } = await declarePrivately('Leaked credentials');
    expect(h.fake.okCalls('conversations.create').at(-1)?.args.is_private).toBe('true');
    expect(h.fake.channel(channelId)?.is_private).toBe(true);
    expect(incident.isPrivate).toBe(true);
    expect(JSON.stringify(h.fake.messages(channelId)[0]?.blocks)).toContain('Private incident');

    await h.user(PEOPLE.bob).command('update', channelId);
    await h.user(PEOPLE.bob).submit(openedView(h, 'post_update'), { status: 'identified', summary: 'Key rotated' });
    await h.user(PEOPLE.bob).command('severity SEV2', channelId);
    expect(h.fake.messages(ANNOUNCE_CHANNEL)).toHaveLength(0);
  });

  it('are announced, and their major updates mirrored, only in the private announcement channel when one is set', async () => {
    h = await startHarness({ policy: { privateAnnouncementChannel: PRIVATE_ANNOUNCE } });
    h.fake.addChannel({ id: PRIVATE_ANNOUNCE, name: 'security-incidents', is_private: true });
    const { channelId } = await declarePrivately('Suspicious logins');
    await h.user(PEOPLE.bob).command('update', channelId);
    await h
      .user(PEOPLE.bob)
      .submit(openedView(h, 'post_update'), { status: 'identified', summary: 'Blocked the IP range' });

    expect(h.fake.messages(ANNOUNCE_CHANNEL)).toHaveLength(0);
    const announced = h.fake.messages(PRIVATE_ANNOUNCE);
    expect(announced.map((m) => m.text)).toEqual([
      expect.stringContaining('SEV1 incident declared'),
      expect.stringContaining('Blocked the IP range'),
    ]);
  });

  it('keep the postmortem upload in the incident channel', async () => {
    h = await startHarness();
    const { channelId } = await declarePrivately('Private postmortem');
    await h.user(PEOPLE.bob).command('postmortem', channelId);
    expect(h.fake.uploads().map((u) => u.channel_id)).toEqual([channelId]);
  });
});

describe('archiving resolved incidents', () => {
  it('archives the channel archiveAfter the resolution, with a last message saying so', async () => {
    h = await startHarness({ policy: { archiveAfter: '30m' } });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Old news', commander: PEOPLE.bob });
    await resolve(incident.channelId);

    h.clock.advance(29 * MIN);
    await h.tick();
    expect(h.fake.channel(incident.channelId)?.is_archived).toBe(false);

    h.clock.advance(1 * MIN);
    await h.tick();
    await h.tick();
    expect(h.fake.channel(incident.channelId)?.is_archived).toBe(true);
    expect(h.fake.okCalls('conversations.archive')).toHaveLength(1);
    expect(messageContaining(h, incident.channelId, 'archiving this channel')).toBeDefined();
    const kinds = (await storedEntries(h.store, { kind: 'archived' })).map((e) => e.kind);
    expect(kinds).toEqual(['archived']);
  });

  it('retries an archive Slack failed with a 500, without posting the last message twice', async () => {
    h = await startHarness({ policy: { archiveAfter: '10m' } });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Flaky archive', commander: PEOPLE.bob });
    await resolve(incident.channelId);
    h.fake.fail('conversations.archive', { status: 500 });
    h.clock.advance(10 * MIN);
    await h.tick();
    expect(h.fake.channel(incident.channelId)?.is_archived).toBe(false);

    h.clock.advance(5 * MIN);
    await h.tick();
    expect(h.fake.channel(incident.channelId)?.is_archived).toBe(true);
    expect(h.fake.messages(incident.channelId).filter((m) => m.text.includes('being archived'))).toHaveLength(1);
  });

  it('an archive whose answer was lost is done: the retry that Slack says is archived already records it archived', async () => {
    h = await startHarness({ policy: { archiveAfter: '10m' } });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Lost answer', commander: PEOPLE.bob });
    await resolve(incident.channelId);
    h.fake.fail('conversations.archive', { drop: 'after_work' });
    h.clock.advance(10 * MIN);
    await h.tick();
    expect(h.fake.channel(incident.channelId)?.is_archived).toBe(true);

    h.clock.advance(5 * MIN);
    await h.tick();
    expect(h.fake.calls('conversations.archive').map((c) => c.error)).toEqual([undefined, 'already_archived']);
    const kinds = (await storedEntries(h.store, { kind: /^archive/ })).map((e) => e.kind);
    expect(kinds).toEqual(['archived']);
  });

  it('a rate-limited archive waits as long as Slack asked before it is tried again', async () => {
    // A client that hands the 429 back rather than waiting it out, as the lookups' client does.
    h = await startHarness({ policy: { archiveAfter: '10m' }, clientOptions: { rejectRateLimitedCalls: true } });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Busy Slack', commander: PEOPLE.bob });
    await resolve(incident.channelId);
    h.fake.fail('conversations.archive', { status: 429, retryAfter: 20 * 60 });
    h.clock.advance(10 * MIN);
    await h.tick();
    // Commander's own retry delay (5 minutes) is shorter than the 20 minutes Slack asked for.
    h.clock.advance(5 * MIN);
    await h.tick();
    h.clock.advance(14 * MIN);
    await h.tick();
    expect(h.fake.calls('conversations.archive')).toHaveLength(1);
    h.clock.advance(1 * MIN);
    await h.tick();
    expect(h.fake.channel(incident.channelId)?.is_archived).toBe(true);
    expect(h.fake.calls('conversations.archive')).toHaveLength(2);
  });

  it('a replica taking over an archive whose farewell went out before its holder died does not post it again', async () => {
    h = await startHarness({ policy: { archiveAfter: '10m' } });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Half archived', commander: PEOPLE.bob });
    await resolve(incident.channelId);
    h.fake.fail('conversations.archive', { status: 500 });
    h.clock.advance(10 * MIN);
    await h.tick();
    // As if the replica that posted the farewell died before recording it, its lease now run out.
    await h.store.incidents.clearStep(incident.incidentId, 'archive_notice');
    const held = await h.store.leases.claim('archive', incident.incidentId, h.clock.now(), {
      owner: 'replica-that-died',
      until: h.clock.now(),
    });
    expect(held).not.toBeNull();

    h.clock.advance(5 * MIN);
    await h.tick();
    expect(h.fake.channel(incident.channelId)?.is_archived).toBe(true);
    expect(h.fake.messages(incident.channelId).filter((m) => m.text.includes('being archived'))).toHaveLength(1);
  });

  it('reopening before then calls the archive off', async () => {
    h = await startHarness({ policy: { archiveAfter: '30m' } });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Not over', commander: PEOPLE.bob });
    await resolve(incident.channelId);
    h.clock.advance(10 * MIN);
    await h.user(PEOPLE.bob).command('reopen', incident.channelId);
    h.clock.advance(60 * MIN);
    await h.tick();
    expect(h.fake.channel(incident.channelId)?.is_archived).toBe(false);
    expect(h.fake.calls('conversations.archive')).toHaveLength(0);
  });

  it('never archives when archiveAfter is off (the default)', async () => {
    h = await startHarness();
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Kept', commander: PEOPLE.bob });
    await resolve(incident.channelId);
    h.clock.advance(365 * 24 * 60 * MIN);
    await h.tick();
    expect(h.fake.calls('conversations.archive')).toHaveLength(0);
  });
});

describe('private incidents and the timeline shortcut', () => {
  it('offers a private incident only to people who may see it', async () => {
    h = await startHarness();
    const open = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Public one', commander: PEOPLE.bob });
    const { incident: secret } = await declarePrivately('Secret one');
    const message = h.fake.addMessage({ channel: 'CGENERAL', user: PEOPLE.carol, text: 'Seeing 500s' });

    await h.user(PEOPLE.carol).shortcut(message);
    const offered = JSON.stringify(openedView(h, 'timeline_pick_incident').view.blocks);
    expect(offered).toContain(`"value":"${open.incidentId}"`);
    expect(offered).not.toContain(`"value":"${secret.id}"`);

    await h.user(PEOPLE.bob).shortcut(message);
    expect(JSON.stringify(openedView(h, 'timeline_pick_incident').view.blocks)).toContain(`"value":"${secret.id}"`);
  });

  it('refuses a forged choice of a private incident', async () => {
    h = await startHarness();
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'Public one', commander: PEOPLE.bob });
    const { incident: secret } = await declarePrivately('Secret one');
    const message = h.fake.addMessage({ channel: 'CGENERAL', user: PEOPLE.carol, text: 'Seeing 500s' });
    await h.user(PEOPLE.carol).shortcut(message);
    const view = openedView(h, 'timeline_pick_incident');
    // Slack would only send an offered option; a forged request could send any number.
    const block = view.view.blocks.find((b: any) => b.block_id === 'incident');
    block.element.options.push({ text: { type: 'plain_text', text: 'x' }, value: String(secret.id) });
    const reply = await h.user(PEOPLE.carol).submit(view, { incident: String(secret.id) });
    expect(JSON.stringify(reply.json.view.blocks)).toContain('That incident is not open to you.');
    expect(await storedEntries(h.store, { kind: 'message' })).toHaveLength(0);
  });
});

describe('when Slack is slow to say who is in a private channel', () => {
  it('/incident list acknowledges within its time budget and sends the list right after', async () => {
    h = await startHarness({ ackBudgetMs: 20 });
    const open = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Public one', commander: PEOPLE.bob });
    await declarePrivately('Secret one');
    // A user whose requests do not wait for the app to go idle: the list is still being built.
    const carol = new SlackUser({
      url: () => h.eventsUrl,
      secret: SIGNING_SECRET,
      fake: h.fake,
      userId: PEOPLE.carol,
      afterEach: async () => undefined,
    });
    const slow = h.fake.hold('conversations.members');
    const pending = carol.command('list');
    await slow.arrived;
    const ack = await pending;
    expect(ack.json.text).toBe('Gathering the incidents you can see…');

    slow.release();
    await h.commander.idle();
    const [late] = h.fake.responses(ack.responseUrl);
    expect(JSON.stringify(late?.body.blocks)).toContain(`<#${open.channelId}>`);
    expect(JSON.stringify(late?.body.blocks)).not.toContain('Secret one');
  });
});

describe('when Slack is slow to say who may see a private incident', () => {
  it('the timeline picker acknowledges at once with a progress view and shows the outcome after', async () => {
    h = await startHarness({ ackBudgetMs: 20 });
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'Public one', commander: PEOPLE.bob });
    const { incident: secret } = await declarePrivately('Secret one');
    h.fake.channel(secret.channelId!)!.members.add(PEOPLE.carol);
    const message = h.fake.addMessage({ channel: 'CGENERAL', user: PEOPLE.carol, text: 'Seeing 500s' });
    await h.user(PEOPLE.carol).shortcut(message);
    const view = openedView(h, 'timeline_pick_incident');

    const carol = new SlackUser({
      url: () => h.eventsUrl,
      secret: SIGNING_SECRET,
      fake: h.fake,
      userId: PEOPLE.carol,
      afterEach: async () => undefined,
    });
    h.clock.advance(10 * MIN); // what the shortcut learned about Carol's channels is stale by now
    const slow = h.fake.hold('conversations.members');
    const pending = carol.submit(view, { incident: String(secret.id) });
    await slow.arrived;
    const ack = await pending;
    expect(JSON.stringify(ack.json.view.blocks)).toContain('Adding the message to the timeline');

    slow.release();
    await h.commander.idle();
    expect(JSON.stringify(h.fake.views().find((v) => v.id === view.id)?.view.blocks)).toContain(
      `Added to the timeline of #${secret.id}`,
    );
    expect(await storedEntries(h.store, { kind: 'message' })).toHaveLength(1);
  });
});

describe('a person removed from a private incident when the event saying so is missed', () => {
  it('may open its forms on what the app remembers, but their submission is confirmed with Slack and refused', async () => {
    h = await startHarness();
    const { channelId, incident } = await declarePrivately('Leaked deploy keys');
    const carol = h.user(PEOPLE.carol);
    await carol.membership(channelId, true);
    const membersAsked = () => h.fake.okCalls('conversations.members').length;
    const updates = () => h.fake.messages(channelId).filter((m) => m.text?.includes('Keys rotated')).length;

    // A member: the form opens without asking Slack (the join event said so); her update is taken.
    const before = membersAsked();
    await carol.command('update', channelId);
    expect(membersAsked()).toBe(before);
    await carol.submit(openedView(h, 'post_update'), { status: 'identified', summary: 'Keys rotated' });
    expect(updates()).toBe(1);
    expect(membersAsked()).toBe(before + 1);

    // Removed from the channel; Slack's member_left_channel never reaches the app.
    await carol.command('update', channelId);
    const form = openedView(h, 'post_update');
    h.fake.channel(channelId)!.members.delete(PEOPLE.carol);
    h.clock.advance(MIN); // well within what the app remembers
    await carol.submit(form, { status: 'monitoring', summary: 'Keys rotated again' });

    expect(h.fake.messages(channelId).filter((m) => m.text?.includes('Keys rotated again'))).toEqual([]);
    expect((await h.commander.incidents.get(incident.id))?.status).toBe('identified');
    // Told privately: in the channel, or (as Slack refuses that to someone not in it) by DM.
    const toldCarol = [
      ...h.fake.ephemerals(channelId).filter((e) => e.user === PEOPLE.carol),
      ...h.fake.messages(h.fake.dmWith(PEOPLE.carol)),
    ].map((m) => m.text);
    expect(toldCarol).toContain('That incident does not exist or is not open to you.');
  });
  it('is refused when adding a message to its timeline, though the picker still offers it', async () => {
    h = await startHarness();
    const { channelId, incident } = await declarePrivately('Leaked deploy keys');
    const carol = h.user(PEOPLE.carol);
    await carol.membership(channelId, true);
    const message = h.fake.addMessage({ channel: 'CGENERAL', user: PEOPLE.carol, text: 'Seeing odd logins' });
    await carol.shortcut(message);
    const picker = openedView(h, 'timeline_pick_incident');
    expect(JSON.stringify(picker.view.blocks)).toContain(`"value":"${incident.id}"`);

    h.fake.channel(channelId)!.members.delete(PEOPLE.carol); // no member_left_channel reaches the app
    const reply = await carol.submit(picker, { incident: String(incident.id) });
    expect(JSON.stringify(reply.json.view.blocks)).toContain('That incident is not open to you.');
    expect(await storedEntries(h.store, { kind: 'message' })).toHaveLength(0);
  });
});
