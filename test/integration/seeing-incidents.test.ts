import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { forceRows } from '../support/app-engines';
import { memberChanges } from '../support/slack-events';
import { declareIncident, type Declared, openedView } from './flows';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.stop());

const MINUTE = 60_000;
const json = (value: unknown) => JSON.stringify(value);

async function resolveIncident(incident: Declared, by = PEOPLE.alice): Promise<void> {
  await h.user(by).command('resolve', incident.channelId);
  await h.user(by).submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' });
}

/**
 * Makes an incident private the way a private declaration leaves it: flag set, channel private.
 * Nothing changes an incident's privacy after its declaration, so no repository writes it.
 */
async function makePrivate(incident: Declared): Promise<void> {
  await forceRows(h, 'UPDATE incidents SET is_private = ? WHERE id = ?', true, incident.incidentId);
  h.fake.channel(incident.channelId)!.is_private = true;
}

/** The section blocks of a list reply or Home tab that describe an incident, by its channel link. */
const entriesIn = (blocks: any[]) =>
  blocks
    .filter((b) => b.type === 'section' && /<#C[A-Z0-9]+>/.test(b.text?.text ?? ''))
    .map((b) => b.text.text as string);

async function homeOf(userId: string): Promise<any> {
  await h.user(userId).openAppHome();
  const view = h.fake.homeViews(userId);
  if (!view) throw new Error(`no Home tab was published for ${userId}`);
  return view;
}

describe('/incident status', () => {
  it('shows severity, status, roles, age, last update, the overdue next update and open follow-ups, only to the caller', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Checkout errors',
      commander: PEOPLE.bob,
    });
    await h.store.incidents.update(incident.incidentId, { roles: { comms: PEOPLE.carol } });
    await h.user(PEOPLE.bob).command('followup Add an alert on queue depth', incident.channelId);
    h.clock.advance(20 * MINUTE); // SEV1 wants an update every 15 minutes

    const reply = await h.user(PEOPLE.carol).command('status', incident.channelId);
    expect(reply.json.response_type).toBe('ephemeral');
    const text = json(reply.json.blocks);
    for (const part of [
      'Checkout errors',
      'SEV1 · Critical',
      'Investigating',
      `*Commander*\\n<@${PEOPLE.bob}>`,
      `Communications lead: <@${PEOPLE.carol}>`,
      'Scribe: _unassigned_',
      'open 20m',
      '*Last update*\\nNone yet',
      'Update overdue',
      '*Open follow-ups*\\n1',
    ]) {
      expect(text).toContain(part);
    }
    // The due time is a Slack date token, so each reader sees it in their own zone.
    const due = Math.floor((h.clock.now() - 5 * MINUTE) / 1000);
    expect(text).toContain(`<!date^${due}^{time}|`);
  });

  it('after an update the next one is due in the future and nothing is overdue', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Slow API' });
    h.clock.advance(10 * MINUTE);
    await h.user(PEOPLE.alice).command('update', incident.channelId);
    await h.user(PEOPLE.alice).submit(openedView(h, 'post_update'), { status: 'identified', summary: 'Found it' });
    const text = json((await h.user(PEOPLE.alice).command('status', incident.channelId)).json.blocks);
    expect(text).toContain('Identified');
    expect(text).not.toContain('Update overdue');
    expect(text).toContain(`<!date^${Math.floor((h.clock.now() + 15 * MINUTE) / 1000)}^{time}|`);
  });

  it('outside an incident channel says where to run it', async () => {
    const reply = await h.user(PEOPLE.alice).command('status', 'CGENERAL');
    expect(reply.json).toEqual({
      response_type: 'ephemeral',
      text: 'This is not an incident channel. Run this command in the channel of the incident.',
    });
  });
});

describe('/incident list', () => {
  it('lists the open incidents newest first with channel links, commander and age, marking the overdue one', async () => {
    const sev1 = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Payments down',
      severity: 'SEV1',
      commander: PEOPLE.bob,
    });
    const sev3 = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Search slow', severity: 'SEV3' });
    const done = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Old news', severity: 'SEV2' });
    await resolveIncident(done);
    h.clock.advance(20 * MINUTE);

    const reply = await h.user(PEOPLE.carol).command('list', 'CGENERAL');
    expect(reply.json.response_type).toBe('ephemeral');
    const entries = entriesIn(reply.json.blocks);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain(`<#${sev3.channelId}>`);
    expect(entries[0]).toContain('Search slow');
    expect(entries[0]).not.toContain('Update overdue');
    expect(entries[1]).toContain(`<#${sev1.channelId}>`);
    expect(entries[1]).toContain(`Commander <@${PEOPLE.bob}>`);
    expect(entries[1]).toContain('open 20m');
    expect(entries[1]).toContain('Update overdue');
    expect(json(reply.json.blocks)).not.toContain('Old news');
  });

  it('list all adds the resolved incidents of the last 30 days, but not older ones', async () => {
    const ancient = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Ancient outage' });
    await resolveIncident(ancient);
    h.clock.advance(40 * 86_400_000);
    const recent = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Recent outage' });
    h.clock.advance(90 * MINUTE);
    await resolveIncident(recent);
    const open = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Still open', severity: 'SEV2' });
    h.clock.advance(31 * MINUTE);

    const entries = entriesIn((await h.user(PEOPLE.bob).command('list all', 'CGENERAL')).json.blocks);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain(`<#${open.channelId}>`);
    expect(entries[0]).toContain('Update overdue');
    expect(entries[1]).toContain('Recent outage');
    expect(entries[1]).toContain('Resolved');
    expect(entries[1]).toContain('resolved after 1h 30m');
    expect(entries[1]).not.toContain('Update overdue');
  });

  it('says so when nothing is open, and explains an unknown argument', async () => {
    expect((await h.user(PEOPLE.bob).command('list')).json.text).toBe(
      'No open incidents. /incident list all shows the last 30 days.',
    );
    expect((await h.user(PEOPLE.bob).command('list everything')).json.text).toMatch(
      /^Use `\/incident list` for the open incidents/,
    );
  });
});

describe('the App Home', () => {
  it('shows the viewer’s incidents first, then the other open ones, with overdue markers and links', async () => {
    const theirs = await declareIncident(h, h.user(PEOPLE.carol), {
      title: 'Carol’s incident',
      commander: PEOPLE.carol,
    });
    const leads = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Bob leads', commander: PEOPLE.bob });
    const role = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Bob is scribe', severity: 'SEV3' });
    await h.store.incidents.update(role.incidentId, { roles: { scribe: PEOPLE.bob } });
    h.clock.advance(20 * MINUTE);

    const home = await homeOf(PEOPLE.bob);
    expect(home.type).toBe('home');
    const text = json(home.blocks);
    const entries = entriesIn(home.blocks);
    expect(entries.map((e) => /<#(C[A-Z0-9]+)>/.exec(e)![1])).toEqual([
      role.channelId,
      leads.channelId,
      theirs.channelId,
    ]);
    expect(text.indexOf('Your open incidents')).toBeLessThan(text.indexOf(role.channelId));
    expect(text.indexOf('Other open incidents')).toBeGreaterThan(text.indexOf(leads.channelId));
    expect(text.indexOf('Other open incidents')).toBeLessThan(text.indexOf(theirs.channelId));
    expect(entries[1]).toContain('Update overdue');
    expect(entries[0]).not.toContain('Update overdue');

    // Carol sees her own incident first and the others below.
    const carols = entriesIn((await homeOf(PEOPLE.carol)).blocks);
    expect(carols[0]).toContain(`<#${theirs.channelId}>`);
  });

  it('the Declare incident button opens the declare form with the viewer as commander', async () => {
    await homeOf(PEOPLE.bob);
    await h.user(PEOPLE.bob).clickInHome('home_declare_incident');
    const view = openedView(h, 'declare_incident').view;
    expect(json(view.blocks)).toContain(`"initial_user":"${PEOPLE.bob}"`);
    expect(json(view.blocks)).toContain('SEV1 · Critical');
  });

  it('shows the last 30 days: incidents per severity and the median time to resolve', async () => {
    const one = await declareIncident(h, h.user(PEOPLE.alice), { title: 'One', severity: 'SEV1' });
    h.clock.advance(30 * MINUTE);
    await resolveIncident(one);
    const two = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Two', severity: 'SEV2' });
    h.clock.advance(90 * MINUTE);
    await resolveIncident(two);
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'Three', severity: 'SEV2' });

    const text = json((await homeOf(PEOPLE.carol)).blocks);
    expect(text).toContain('*Last 30 days:* 3 declared, 2 resolved');
    expect(text).toContain('*SEV1 · Critical*\\n1');
    expect(text).toContain('*SEV2 · High*\\n2');
    expect(text).toContain('*SEV3 · Medium*\\n0');
    expect(text).toContain('Median time to resolve: *1h*'); // the median of 30m and 1h 30m
  });

  it('is republished each time it is opened, and not for the Messages tab', async () => {
    await homeOf(PEOPLE.bob);
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'New since' });
    await h.user(PEOPLE.bob).openAppHome('messages');
    expect(h.fake.okCalls('views.publish')).toHaveLength(1);
    expect(json((await homeOf(PEOPLE.bob)).blocks)).toContain('New since');
    expect(h.fake.okCalls('views.publish')).toHaveLength(2);
  });
});

describe('private incidents', () => {
  it('are hidden from people outside their channel in the list and the Home tab, and shown to members', async () => {
    const secret = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Credential leak' });
    const open = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Public outage' });
    await makePrivate(secret);

    const outsider = json((await h.user(PEOPLE.carol).command('list')).json.blocks);
    expect(outsider).toContain('Public outage');
    expect(outsider).not.toContain('Credential leak');
    const outsiderHome = json((await homeOf(PEOPLE.carol)).blocks);
    expect(outsiderHome).toContain(open.channelId);
    expect(outsiderHome).not.toContain('Credential leak');
    expect(outsiderHome).toContain('1 declared'); // the stats do not count it either

    await memberChanges(h, { channel: secret.channelId, user: PEOPLE.carol, joined: true });
    const member = json((await h.user(PEOPLE.carol).command('list all')).json.blocks);
    expect(member).toContain('Credential leak');
    expect(member).toContain('🔒 private');
    expect(json((await homeOf(PEOPLE.carol)).blocks)).toContain('Credential leak');
    expect(h.fake.calls('conversations.members').every((c) => c.args.channel === secret.channelId)).toBe(true);
  });

  it('are shown to the people involved and to admins without asking Slack', async () => {
    await h.stop();
    h = await startHarness({ policy: { admins: [PEOPLE.carol] } });
    const secret = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Credential leak', commander: PEOPLE.bob });
    await makePrivate(secret);
    h.fake.channel(secret.channelId)!.members.clear(); // membership is not what lets them see it
    for (const viewer of [PEOPLE.alice, PEOPLE.bob, PEOPLE.carol]) {
      expect(json((await h.user(viewer).command('list')).json.blocks)).toContain('Credential leak');
    }
    expect(h.fake.calls('conversations.members')).toHaveLength(0);
  });

  it('stay hidden when Slack cannot say who is in the channel', async () => {
    const secret = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Credential leak' });
    await makePrivate(secret);
    h.fake.channel(secret.channelId)!.members.delete('UBOTCOMMANDER'); // the bot was removed: channel_not_found
    h.fake.channel(secret.channelId)!.members.add(PEOPLE.carol);
    const reply = await h.user(PEOPLE.carol).command('list');
    expect(json(reply.json.blocks)).not.toContain('Credential leak');
    expect(h.fake.lastCall('conversations.members')?.error).toBe('channel_not_found');
  });
});
