import { UNAVAILABLE } from '../../src/incidents/permissions';
import type { Message, View } from '../support/fake-slack';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { memberChanges } from '../support/slack-events';
import { storedKinds } from '../support/stored';
import { declareIncident, openedView } from './flows';

/**
 * Private incidents attacked through stale buttons and forged requests, signed and sent to the
 * real receiver: a replaced commander's old reminder DM, and an outsider who sends the payloads
 * Slack would send for buttons, forms and commands, with numbers and channel ids of their choosing.
 */

const SEC = 1_000;
const MALLORY = 'UMALLORY01';
const NOT_HERE = 'This is not an incident channel. Run this command in the channel of the incident.';
const POLICY = {
  reminders: { repeatAfter: '10s', snoozeFor: '20s', checkEvery: '1s' },
  severities: [
    { id: 'SEV1', name: 'Critical', updateEvery: '30s', escalateAfterMissed: 2, escalateTo: { users: ['UMANAGER01'] } },
    { id: 'SEV2', name: 'High', updateEvery: '60s' },
  ],
};

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ policy: POLICY });
  h.fake.addUser({ id: MALLORY, name: 'mallory', tz: 'UTC' });
  h.fake.addUser({ id: 'UMANAGER01', name: 'manager', tz: 'UTC' });
});
afterEach(async () => h.stop());

async function declarePrivately(title: string) {
  await h.user(PEOPLE.alice).command(`declare ${title}`);
  await h
    .user(PEOPLE.alice)
    .submit(openedView(h, 'declare_incident'), { severity: 'SEV1', commander: PEOPLE.bob, visibility: 'private' });
  const channel = h.fake.okCalls('conversations.create').at(-1)!.response.channel;
  return (await h.commander.incidents.findByChannel(channel.id))!;
}

/** The DM conversation of the app with a person, and what it holds. */
const dmsTo = (userId: string) => h.fake.messages(h.fake.dmWith(userId));
const reminderDm = (userId: string) => dmsTo(userId).find((m) => JSON.stringify(m.blocks).includes('reminder_snooze'))!;

/** A message with one button, as a forged block_actions payload would carry it. */
function forgedButton(actionId: string, value: string, channel: string): Message {
  const button = { type: 'button', action_id: actionId, value, text: { type: 'plain_text', text: 'x' } };
  return {
    channel,
    ts: '1795510900.000100',
    text: 'x',
    user: 'UBOTCOMMANDER',
    blocks: [{ type: 'actions', block_id: 'b', elements: [button] }],
  };
}

/** A copy of a form the app opened, with private_metadata of the sender's choosing. */
function forgedForm(view: View, metadata: unknown): View {
  return {
    ...view,
    id: `V${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    view: { ...view.view, private_metadata: JSON.stringify(metadata) },
  };
}

/** What the person was told privately since `from`: response_url posts, ephemerals and DMs. */
function toldSince(userId: string, from: { responses: number; dms: number }): string[] {
  return [
    ...h.fake
      .responses()
      .slice(from.responses)
      .map((r) => r.body.text as string),
    ...h.fake
      .ephemerals()
      .filter((e) => e.user === userId)
      .map((e) => e.text),
    ...dmsTo(userId)
      .slice(from.dms)
      .map((m) => m.text),
  ];
}
const mark = (userId: string) => ({ responses: h.fake.responses().length, dms: dmsTo(userId).length });

const updatesOf = async (incidentId: number) => (await h.store.statusUpdates.list(incidentId)).length;
const timelineKinds = (incidentId: number) => storedKinds(h.store, incidentId);

describe('a replaced commander removed from a private incident', () => {
  it('cannot use the old reminder DM: Post update and Snooze answer with a sentence and change nothing', async () => {
    const incident = await declarePrivately('Leaked signing key');
    h.clock.advance(30 * SEC);
    await h.tick();
    const dm = reminderDm(PEOPLE.bob);
    // Bob opens the form from the DM while he still leads, and leaves it open.
    await h.user(PEOPLE.bob).click(dm, 'reminder_post_update');
    const staleForm = openedView(h, 'post_update');

    await h.user(PEOPLE.alice).command(`assign commander <@${PEOPLE.carol}|carol>`, incident.channelId!);
    await memberChanges(h, { channel: incident.channelId!, user: PEOPLE.bob, joined: false });
    const views = h.fake.views().length;
    const from = mark(PEOPLE.bob);

    await h.user(PEOPLE.bob).click(dm, 'reminder_post_update');
    await h.user(PEOPLE.bob).click(dm, 'reminder_snooze');
    await h.user(PEOPLE.bob).submit(staleForm, { status: 'identified', summary: 'Posted by someone who left' });

    expect(h.fake.views()).toHaveLength(views);
    expect(toldSince(PEOPLE.bob, from)).toEqual([UNAVAILABLE, UNAVAILABLE, UNAVAILABLE]);
    expect(await updatesOf(incident.id)).toBe(0);
    expect(await timelineKinds(incident.id)).not.toContain('reminder_snoozed');

    // The new commander's reminders and the escalation go on as if Bob had never clicked.
    h.clock.advance(10 * SEC);
    await h.tick();
    expect(dmsTo(PEOPLE.carol).filter((m) => JSON.stringify(m.blocks).includes('reminder_snooze'))).toHaveLength(1);
    for (let i = 0; i < 2; i++) {
      h.clock.advance(10 * SEC);
      await h.tick();
    }
    expect(await timelineKinds(incident.id)).toContain('escalated');
  });

  it('a stale button on a resolved incident says it is resolved, to someone who may see it', async () => {
    const incident = await declarePrivately('Closed already');
    h.clock.advance(30 * SEC);
    await h.tick();
    const dm = reminderDm(PEOPLE.bob);
    await h.user(PEOPLE.bob).command('resolve', incident.channelId!);
    await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), { resolution: 'Rotated' });
    const from = mark(PEOPLE.bob);
    await h.user(PEOPLE.bob).click(dm, 'reminder_post_update');
    await h.user(PEOPLE.bob).click(dm, 'reminder_snooze');
    expect(toldSince(PEOPLE.bob, from)).toEqual([
      `Incident #${incident.id} is already resolved.`,
      `Incident #${incident.id} is already resolved.`,
    ]);
  });
});

describe('forged buttons and forms for a private incident', () => {
  it('answer an outsider the same way as for an incident that does not exist, and change nothing', async () => {
    const incident = await declarePrivately('Credential stuffing');
    await h.user(PEOPLE.alice).command('update', incident.channelId!);
    const updateForm = openedView(h, 'post_update');
    const outsider = h.user(MALLORY);
    const dm = h.fake.dmWith(MALLORY);
    const views = h.fake.views().length;

    const answers: Record<string, string[]> = {};
    for (const id of [String(incident.id), '999']) {
      const from = mark(MALLORY);
      for (const action of [
        'reminder_snooze',
        'reminder_post_update',
        'incident_open_update',
        'incident_open_resolve',
        'incident_open_assign',
      ]) {
        await outsider.click(forgedButton(action, id, dm), action);
      }
      await outsider.submit(forgedForm(updateForm, { incidentId: Number(id), channelId: null }), {
        status: 'identified',
        summary: 'Forged',
      });
      answers[id] = toldSince(MALLORY, from);
    }

    expect(answers[String(incident.id)]).toEqual(Array(6).fill(UNAVAILABLE));
    expect(answers['999']).toEqual(answers[String(incident.id)]);
    expect(h.fake.views()).toHaveLength(views);
    expect(await updatesOf(incident.id)).toBe(0);
    expect(await timelineKinds(incident.id)).not.toContain('reminder_snoozed');
  });

  it('forged resolve and assign forms are refused without naming the incident', async () => {
    const incident = await declarePrivately('Insider threat');
    await h.user(PEOPLE.bob).command('resolve', incident.channelId!);
    const resolveForm = openedView(h, 'resolve_incident');
    const from = mark(MALLORY);
    await h
      .user(MALLORY)
      .submit(forgedForm(resolveForm, { incidentId: incident.id, channelId: null }), { resolution: 'Forged' });
    const told = toldSince(MALLORY, from);
    expect(told).toEqual([UNAVAILABLE]);
    expect((await h.commander.incidents.get(incident.id))?.resolvedAt).toBeNull();
  });
});

describe('commands sent with the channel id of a private incident', () => {
  it('answer someone outside its channel as in any other channel, and record nothing', async () => {
    const incident = await declarePrivately('Data exfiltration');
    const channel = incident.channelId!;
    const before = (await timelineKinds(incident.id)).length;
    const commands = [
      'status',
      'timeline',
      'followups',
      'postmortem',
      'note Forged note',
      'followup Forged action',
      'done 1',
      'severity SEV2',
      'update',
      'resolve',
      'reopen',
    ];
    for (const text of commands) {
      const here = await h.user(MALLORY).command(text, channel);
      const elsewhere = await h.user(MALLORY).command(text, 'CGENERAL');
      expect({ text, reply: here.json }).toEqual({ text, reply: { response_type: 'ephemeral', text: NOT_HERE } });
      expect(elsewhere.json).toEqual(here.json);
    }
    expect(await timelineKinds(incident.id)).toHaveLength(before);
    expect(h.fake.uploads()).toHaveLength(0);
    expect(h.fake.calls('views.open')).toHaveLength(1); // the declare form only
    expect((await h.commander.incidents.get(incident.id))?.severity).toBe('SEV1');
  });

  it('the message shortcut treats it as any other channel: an outsider cannot add to its timeline', async () => {
    const incident = await declarePrivately('Session hijack');
    const message = h.fake.addMessage({ channel: incident.channelId!, user: MALLORY, text: 'Nothing to see here' });
    const reply = await h.user(MALLORY).shortcut(message);
    expect(h.fake.responses(reply.responseUrl).map((r) => r.body.text)).toEqual([
      'There are no open incidents to add this message to.',
    ]);
    expect(await timelineKinds(incident.id)).not.toContain('message');
  });

  it('still serve its members and the people involved', async () => {
    const incident = await declarePrivately('Phishing wave');
    h.fake.channel(incident.channelId!)!.members.add(MALLORY);
    expect((await h.user(MALLORY).command('note Seen in my inbox too', incident.channelId!)).json.text).toBe(
      `📝 Added to the timeline of #${incident.id}.`,
    );
    expect(JSON.stringify((await h.user(PEOPLE.alice).command('status', incident.channelId!)).json.blocks)).toContain(
      'Phishing wave',
    );
  });
});

describe('a public incident', () => {
  it('may be seen by anyone, but only changed by its channel’s members and role holders', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Public outage', commander: PEOPLE.bob });
    expect(JSON.stringify((await h.user(MALLORY).command('status', incident.channelId)).json.blocks)).toContain(
      'Public outage',
    );
    const note = await h.user(MALLORY).command('note Not a member', incident.channelId);
    expect(note.json.text).toContain(`Only members of <#${incident.channelId}>`);
    const from = mark(MALLORY);
    await h
      .user(MALLORY)
      .click(forgedButton('reminder_snooze', String(incident.incidentId), h.fake.dmWith(MALLORY)), 'reminder_snooze');
    expect(toldSince(MALLORY, from)[0]).toContain(`Only members of <#${incident.channelId}>`);
  });
});
