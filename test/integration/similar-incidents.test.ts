import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident, messageContaining, openedView } from './flows';

const HOUR = 3_600_000;

/** "Is this a known issue?": similar resolved incidents at declare and on demand (docs/memory.md). */
describe.each(APP_ENGINES)('similar past incidents (%s)', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(await database.options());
  });
  afterEach(async () => h.stop());

  async function resolved(
    title: string,
    rootCause: string,
    o: { private?: boolean; hours?: number; impact?: string } = {},
  ) {
    let channelId: string;
    if (o.private) {
      await h.user(PEOPLE.alice).command(`declare ${title}`);
      await h.user(PEOPLE.alice).submit(openedView(h, 'declare_incident'), {
        severity: 'SEV2',
        commander: PEOPLE.bob,
        impact: 'Some customers affected',
        visibility: 'private',
      });
      channelId = h.fake.okCalls('conversations.create').at(-1)!.response.channel.id;
    } else {
      channelId = (
        await declareIncident(h, h.user(PEOPLE.alice), {
          title,
          commander: PEOPLE.bob,
          impact: o.impact ?? 'Customers see errors at checkout',
        })
      ).channelId;
    }
    h.clock.advance((o.hours ?? 1) * HOUR);
    await h.user(PEOPLE.bob).command('resolve', channelId);
    await h
      .user(PEOPLE.bob)
      .submit(openedView(h, 'resolve_incident'), { resolution: 'Renewed it', root_cause: rootCause });
    h.clock.advance(24 * HOUR);
    return (await h.commander.incidents.findByChannel(channelId))!;
  }

  const kickoffOf = async (incidentId: number) => {
    const incident = await h.commander.incidents.get(incidentId);
    const kickoff = h.fake.messages(incident!.channelId!).find((m) => m.ts === incident!.kickoffTs);
    return JSON.stringify(kickoff?.blocks ?? []);
  };

  it('the kick-off of "Stripe webhooks failing with TLS errors" shows the resolved "Card payments failing" first, with its root cause, and no private incident', async () => {
    const cards = await resolved('Card payments failing', 'Expired TLS certificate on the Stripe webhook endpoint', {
      hours: 2,
    });
    await resolved('Search is slow', 'An index was missing', { impact: 'Search pages take seconds' });
    const secret = await resolved('Stripe webhook TLS keys leaked', 'A TLS key in a public repository', {
      private: true,
    });

    const declared = await declareIncident(h, h.user(PEOPLE.carol), {
      title: 'Stripe webhooks failing with TLS errors',
      commander: PEOPLE.carol,
    });
    const kickoff = await kickoffOf(declared.incidentId);
    expect(kickoff).toContain('Similar past incidents');
    expect(kickoff).toMatch(/Similar past incidents\*\\n• \*#1 Card payments failing/);
    expect(kickoff).toContain(`#${cards.id} Card payments failing`);
    expect(kickoff).toContain('Root cause: Expired TLS certificate on the Stripe webhook endpoint');
    expect(kickoff).toContain('lasted 2h');
    expect(kickoff).toContain(`<#${cards.channelId}>`);
    expect(kickoff).not.toContain('Search is slow');
    expect(kickoff).not.toContain('leaked');
    expect(kickoff).not.toContain(`#${secret.id} `);
  });

  it('with the web console running, a similar incident links its postmortem there; without, it names the command', async () => {
    const before = await resolved('Card payments failing', 'Expired TLS certificate');
    const declared = await declareIncident(h, h.user(PEOPLE.carol), { title: 'Card payments failing again' });
    expect(await kickoffOf(declared.incidentId)).toContain(
      `postmortem: \`/incident postmortem\` in <#${before.channelId}>`,
    );

    await h.stop();
    h = await startHarness({ ...(await database.options()), web: true });
    const cards = await resolved('Card payments failing', 'Expired TLS certificate');
    const again = await declareIncident(h, h.user(PEOPLE.carol), { title: 'Card payments failing again' });
    expect(await kickoffOf(again.incidentId)).toContain(`<${h.webUrl}/incidents/${cards.id}/postmortem|postmortem>`);
  });

  it('the declare form shows similar incidents once a title is typed, private ones only to who may see them', async () => {
    const cards = await resolved('Card payments failing', 'Expired TLS certificate on the Stripe webhook endpoint');
    const secret = await resolved('Stripe webhook TLS keys leaked', 'A TLS key in a public repository', {
      private: true,
    });

    // Carol is not in the private incident's channel and holds no part in it.
    const carol = h.user(PEOPLE.carol);
    await carol.command('declare');
    await carol.change(
      openedView(h, 'declare_incident'),
      { title: 'Stripe webhooks failing with TLS errors' },
      'title',
    );
    const carols = JSON.stringify(h.fake.calls('views.update').at(-1)?.args.view.blocks);
    expect(carols).toContain(`#${cards.id} Card payments failing`);
    expect(carols).not.toContain('leaked');

    // Bob led the private one, so he may see it.
    const bob = h.user(PEOPLE.bob);
    await bob.command('declare');
    await bob.change(openedView(h, 'declare_incident'), { title: 'Stripe webhook TLS errors' }, 'title');
    const bobs = JSON.stringify(h.fake.calls('views.update').at(-1)?.args.view.blocks);
    expect(bobs).toContain(`#${secret.id} Stripe webhook TLS keys leaked`);
    expect(bobs).toContain(`#${cards.id} Card payments failing`);
  });

  it('/incident similar searches on demand and answers only the person who asked', async () => {
    const cards = await resolved('Card payments failing', 'Expired TLS certificate on the Stripe webhook endpoint');
    const found = await h.user(PEOPLE.carol).command('similar stripe certificate');
    expect(JSON.stringify(found.json)).toContain(`#${cards.id} Card payments failing`);
    expect(found.json.response_type).toBe('ephemeral');
    const none = await h.user(PEOPLE.carol).command('similar kubernetes');
    expect(none.json.text).toBe('No resolved incident you can see is like these words.');
  });

  it('/incident link #n duplicate links both ways, on both timelines and in both channels, and resolves this one as a duplicate', async () => {
    const first = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout errors', commander: PEOPLE.bob });
    const second = await declareIncident(h, h.user(PEOPLE.carol), { title: 'Cannot pay', commander: PEOPLE.bob });
    await h.user(PEOPLE.bob).command(`link #${first.incidentId} duplicate`, second.channelId);

    const sentences = async (id: number) =>
      (await h.store.timeline.list(id)).flatMap((e) => (e.kind === 'linked' ? [e.data] : []));
    expect(await sentences(second.incidentId)).toEqual([
      { otherId: first.incidentId, otherTitle: 'Checkout errors', link: 'duplicate_of' },
    ]);
    expect(await sentences(first.incidentId)).toEqual([
      { otherId: second.incidentId, otherTitle: 'Cannot pay', link: 'duplicated_by' },
    ]);
    expect(messageContaining(h, first.channelId, `has a duplicate: #${second.incidentId}`)).toBeDefined();
    expect(messageContaining(h, second.channelId, `is a duplicate of #${first.incidentId}`)).toBeDefined();
    const resolvedOne = await h.commander.incidents.get(second.incidentId);
    expect(resolvedOne?.resolvedAt).not.toBeNull();
    expect(resolvedOne?.resolution).toBe(`Duplicate of #${first.incidentId}.`);
    expect((await h.commander.incidents.get(first.incidentId))?.resolvedAt).toBeNull();

    // Asked again (a redelivery, a second person): nothing is linked or told twice.
    const posts = h.fake.messages(first.channelId).length;
    await h.user(PEOPLE.bob).command(`link #${first.incidentId} duplicate`, second.channelId);
    expect(await sentences(first.incidentId)).toHaveLength(1);
    expect(h.fake.messages(first.channelId)).toHaveLength(posts);
  });

  it('/incident link refuses a private incident the person may not see, as if it did not exist', async () => {
    const secret = await resolved('Stripe webhook TLS keys leaked', 'A TLS key in a public repository', {
      private: true,
    });
    const open = await declareIncident(h, h.user(PEOPLE.carol), { title: 'Cannot pay', commander: PEOPLE.carol });
    await h.user(PEOPLE.carol).command(`link #${secret.id} related`, open.channelId);
    expect((await h.store.timeline.list(open.incidentId)).some((e) => e.kind === 'linked')).toBe(false);
    expect(JSON.stringify(h.fake.responses().at(-1))).not.toContain('leaked');
  });
});
