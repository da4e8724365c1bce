import { APP_ENGINES, appDatabase, forceRows } from '../support/app-engines';
import { ANNOUNCE_CHANNEL, type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident, openedView } from './flows';

/** Who wants to know: following incidents and subscribing to future ones (docs/following.md). */

const POLICY = {
  services: [
    { id: 'payments', name: 'Payments service' },
    { id: 'search', name: 'Search' },
  ],
};
const RETRY = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };

describe.each(APP_ENGINES)('following incidents (%s)', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ ...(await database.options()), policy: POLICY });
  });
  afterEach(async () => h.stop());

  /** The DMs Commander sent a person about incident `id` as a follower (named so by their metadata). */
  const followerDms = (userId: string, id: number) =>
    h.fake.messages(h.fake.dmWith(userId)).filter((m) => {
      const named = m.metadata?.event_payload;
      return named?.incident_id === id && String(named?.step).startsWith('follow-');
    });
  const texts = (userId: string, id: number) => followerDms(userId, id).map((m) => m.text);

  const update = (incidentId: number, key: string, summary: string) =>
    h.commander.incidents.postUpdate({
      incidentId,
      key,
      status: 'identified',
      summary,
      impact: '',
      nextSteps: '',
      authorId: PEOPLE.bob,
    });

  it('a follower by the Follow button gets exactly one DM per update and one for the resolution, nothing after, and a redelivered click does not double', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Card payments failing',
      commander: PEOPLE.bob,
    });
    await h.commander.idle();
    const announcement = h.fake.messages(ANNOUNCE_CHANNEL).find((m) => m.text.includes('Card payments failing'));
    expect(announcement).toBeDefined();

    const carol = h.user(PEOPLE.carol);
    await carol.click(announcement!, 'incident_follow');
    await carol.click(announcement!, 'incident_follow', RETRY);
    const answers = h.fake.responses().map((r) => r.body);
    expect(answers.at(-2)).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answers.at(-2)?.text)).toContain('You follow #');
    expect(String(answers.at(-1)?.text)).toContain('You already follow #');
    // The announcement itself is left as it was.
    expect(
      h.fake.calls('chat.update').filter((c) => c.args.channel === ANNOUNCE_CHANNEL && c.args.text?.includes('UCAROL')),
    ).toEqual([]);

    await update(incident.incidentId, 'u1', 'Stripe webhook endpoint rejects TLS');
    await update(incident.incidentId, 'u1', 'Stripe webhook endpoint rejects TLS'); // a redelivered submit
    await update(incident.incidentId, 'u2', 'Renewing the certificate');
    await h.commander.idle();
    await h.tick();
    expect(texts(PEOPLE.carol, incident.incidentId)).toEqual([
      expect.stringContaining('Stripe webhook endpoint rejects TLS'),
      expect.stringContaining('Renewing the certificate'),
    ]);
    // Whoever posted the updates is not told of them.
    expect(followerDms(PEOPLE.bob, incident.incidentId)).toEqual([]);

    await h.commander.incidents.resolve({
      incidentId: incident.incidentId,
      key: 'r1',
      resolution: 'Certificate renewed',
      rootCause: 'Expired TLS certificate',
      authorId: PEOPLE.bob,
    });
    await h.commander.idle();
    expect(texts(PEOPLE.carol, incident.incidentId)).toHaveLength(3);
    expect(texts(PEOPLE.carol, incident.incidentId)[2]).toContain('is resolved');

    // Nothing after: a reopening and its updates, a tick, a restart.
    await h.user(PEOPLE.bob).command('reopen It came back', incident.channelId);
    await update(incident.incidentId, 'u3', 'Back again');
    await h.restart();
    await h.tick();
    await h.commander.idle();
    expect(texts(PEOPLE.carol, incident.incidentId)).toHaveLength(3);
  });

  it('a replica that died after sending a DM but before recording it: the one taking over finds the DM and sends no second', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Queue backlog', commander: PEOPLE.bob });
    await h.user(PEOPLE.carol).command('follow', incident.channelId);
    await update(incident.incidentId, 'u1', 'Draining the queue');
    await h.commander.idle();
    expect(texts(PEOPLE.carol, incident.incidentId)).toHaveLength(1);
    // As the dead replica left it: the DM posted, the row still due and leased to it, the lease run out.
    await forceRows(
      h,
      "UPDATE follow_notices SET due_at = ?, outcome = NULL, lease_owner = 'dead-replica', lease_until = ? WHERE user_id = ?",
      h.clock.now(),
      h.clock.now() - 1,
      PEOPLE.carol,
    );
    await h.tick();
    await h.commander.idle();
    expect(texts(PEOPLE.carol, incident.incidentId)).toHaveLength(1);
    expect((await h.store.follows.noticesTo(PEOPLE.carol)).map((n) => [n.outcome, n.dueAt])).toEqual([['sent', null]]);
  });

  it('/incident follow and unfollow in the channel start and stop the DMs', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Search slow', commander: PEOPLE.bob });
    const carol = h.user(PEOPLE.carol);
    const followed = await carol.command('follow', incident.channelId);
    expect(followed.json?.text).toContain('You follow #');
    await update(incident.incidentId, 'u1', 'Index rebuilding');
    await h.commander.idle();
    const unfollowed = await carol.command('unfollow', incident.channelId);
    expect(unfollowed.json?.text).toContain('You no longer follow #');
    await update(incident.incidentId, 'u2', 'Index rebuilt');
    await h.commander.idle();
    expect(texts(PEOPLE.carol, incident.incidentId)).toEqual([expect.stringContaining('Index rebuilding')]);
    // Outside an incident channel there is nothing to follow.
    expect((await carol.command('follow', 'CGENERAL')).json?.text).not.toContain('You follow');
  });

  it('a subscription by service follows an incident when the service is added, and one by severity when the severity is raised to it', async () => {
    const carol = h.user(PEOPLE.carol);
    expect((await carol.command('subscribe service:payments')).json?.text).toContain(
      'Subscribed to `service:payments`',
    );
    expect((await carol.command('subscribe service:ledger')).json?.text).toBe(
      'There is no service "ledger". Services: payments, search.',
    );
    expect((await carol.command('subscribe severity:SEV9')).json?.text).toContain('There is no severity "SEV9"');
    const dave = 'UDAVE00004';
    h.fake.addUser({ id: dave, name: 'dave' });
    expect((await h.user(dave).command('subscribe severity:sev2')).json?.text).toContain('`severity:SEV2`');

    const first = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Checkout errors',
      severity: 'SEV3',
      commander: PEOPLE.bob,
    });
    await h.commander.idle();
    expect(texts(PEOPLE.carol, first.incidentId)).toEqual([]);
    expect(texts(dave, first.incidentId)).toEqual([]);

    await h.user(PEOPLE.bob).command('services add payments', first.channelId);
    await h.commander.idle();
    expect(texts(PEOPLE.carol, first.incidentId)).toEqual([expect.stringContaining('You now follow #')]);
    expect(JSON.stringify(followerDms(PEOPLE.carol, first.incidentId)[0]?.blocks)).toContain('service:payments');

    await h.user(PEOPLE.bob).command('severity SEV1 spreading', first.channelId);
    await h.commander.idle();
    expect(texts(dave, first.incidentId)).toEqual([expect.stringContaining('You now follow #')]);

    await update(first.incidentId, 'u1', 'Rolling back');
    await h.commander.idle();
    for (const person of [PEOPLE.carol, dave]) expect(texts(person, first.incidentId).at(-1)).toContain('Rolling back');

    // A SEV1 declared later matches dave's severity:SEV2 at once; the list shows both sides.
    const second = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Login down',
      severity: 'SEV1',
      commander: PEOPLE.bob,
    });
    await h.commander.idle();
    expect(texts(dave, second.incidentId)).toEqual([expect.stringContaining('You now follow #')]);
    const listed = await h.user(dave).command('subscriptions');
    const shown = JSON.stringify(listed.json?.blocks);
    expect(shown).toContain('severity:SEV2');
    expect(shown).toContain('Checkout errors');
    expect(shown).toContain('Login down');
  });

  it('a private incident does not reach a subscriber who may not see it, and reaches one who may', async () => {
    await h.user(PEOPLE.carol).command('subscribe severity:SEV1');
    await h.user(PEOPLE.bob).command('subscribe severity:SEV1');
    await h.user(PEOPLE.alice).command('declare SECRET key leaked');
    const response = await h.user(PEOPLE.alice).submit(openedView(h, 'declare_incident'), {
      severity: 'SEV1',
      impact: 'A signing key may be out',
      commander: PEOPLE.bob,
      visibility: 'private',
    });
    expect(response.json?.response_action).toBe('update');
    const incident = (await h.commander.incidents.findByChannel(
      h.fake.okCalls('conversations.create').at(-1)!.response.channel.id,
    ))!;
    expect(incident.isPrivate).toBe(true);
    await update(incident.id, 'u1', 'SECRET rotating the key');
    await h.commander.idle();
    await h.tick();

    expect(JSON.stringify(h.fake.messages(h.fake.dmWith(PEOPLE.carol)))).not.toContain('SECRET');
    expect((await h.store.follows.noticesTo(PEOPLE.carol)).map((n) => n.outcome)).toEqual(['hidden', 'hidden']);
    expect(JSON.stringify((await h.user(PEOPLE.carol).command('subscriptions')).json)).not.toContain('SECRET');
    // Bob commands it: he may see it, and is told that he follows it (not of his own update).
    expect(texts(PEOPLE.bob, incident.id)).toEqual([expect.stringContaining('You now follow #')]);
  });

  it('/incident subscriptions lists subscriptions with Remove buttons, and Remove takes one away', async () => {
    const carol = h.user(PEOPLE.carol);
    await carol.command('subscribe service:search');
    const listed = await carol.command('subscriptions');
    expect(JSON.stringify(listed.json?.blocks)).toContain('service:search');
    await carol.chooseButtonInReply(
      { blocks: listed.json?.blocks, responseUrl: listed.responseUrl, channelId: 'CGENERAL' },
      'follow_unsubscribe',
    );
    const shown = h.fake.responses(listed.responseUrl).at(-1)?.body;
    expect(shown).toMatchObject({ replace_original: true });
    expect(String(shown?.text)).toContain('You follow nothing');
    expect((await carol.command('unsubscribe 42')).json?.text).toContain('You have no subscription number 42');
  });
});
