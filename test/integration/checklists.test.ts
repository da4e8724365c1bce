import { attachChecklist, planChecklists } from '../../src/checklists/attach';
import { facts } from '../../src/incidents/after-change';
import { createPostmortemRenderer, joined } from '../../src/postmortem/postmortem.service';
import { slackText } from '../../src/slack/text/slack-text';
import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries, storedIncidents, storedLine } from '../support/stored';
import { messageContaining, openedView } from './flows';
import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { parsePolicy } from '../../src/config/policy';
import { createRecorder } from '../../src/timeline/record';
import { plainEntryLine } from '../../src/postmortem/entry-text';

const PAYMENTS = { id: 'payments', name: 'Payments API' };

/** The case: SEV1 on payments gets its own list on top of what every incident gets. */
const checklistsWith = (onResolve: 'warn' | 'refuse') => ({
  onResolve,
  lists: [
    {
      id: 'payments-sev1',
      title: 'Payments SEV1',
      when: { severity: 'SEV1', service: 'payments' },
      items: [
        { text: 'Check the SLO dashboard', link: 'https://grafana.example.com/d/slo' },
        { text: 'Tell Customer Success', role: 'comms', required: true },
      ],
    },
    {
      id: 'resolution',
      title: 'Resolution',
      onResolve: 'warn',
      items: [{ text: 'Confirm fix is deployed and working', role: 'commander', required: true }],
    },
  ],
});

const policyWith = (onResolve: 'warn' | 'refuse') => ({ services: [PAYMENTS], checklists: checklistsWith(onResolve) });

describe.each(APP_ENGINES)('checklists on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  afterEach(async () => h?.stop());

  const start = async (onResolve: 'warn' | 'refuse' = 'warn') => {
    h = await startHarness({ policy: policyWith(onResolve), ...(await database.options()) });
  };

  /** Alice declares a SEV2 on payments with bob leading; the first tick posts the checklist message. */
  async function declareSev2() {
    await h.user(PEOPLE.alice).command('declare Card payments failing');
    await h.user(PEOPLE.alice).submit(openedView(h, 'declare_incident'), {
      severity: 'SEV2',
      impact: 'Checkouts fail',
      commander: PEOPLE.bob,
      services: 'payments',
    });
    await h.commander.idle();
    await h.tick();
    const [incident] = await storedIncidents(h.store);
    return incident!;
  }

  const checklistPosts = (channelId: string) =>
    h.fake
      .okCalls('chat.postMessage')
      .filter((c) => c.args.channel === channelId && c.args.metadata?.event_payload?.step === 'checklists');
  const checklistMessage = (channelId: string) => messageContaining(h, channelId, 'checklist_tick');
  const attached = async (incidentId: number) =>
    (await storedEntries(h.store, { incidentId, kind: 'checklist_attached' })).map(storedLine);

  it('SEV2 → SEV1 on payments attaches the SEV1 list once, on top, and never again on a repeated change', async () => {
    await start();
    const incident = await declareSev2();
    const channelId = incident.channelId!;
    expect(await attached(incident.id)).toEqual(['Checklist attached: Resolution (1 item)']);
    expect(checklistPosts(channelId)).toHaveLength(1);
    expect(JSON.stringify(checklistMessage(channelId)?.blocks)).not.toContain('Tell Customer Success');

    h.clock.advance(60_000);
    await h.user(PEOPLE.bob).command('severity SEV1 spreading', channelId);
    await h.commander.idle();
    expect(await attached(incident.id)).toEqual([
      'Checklist attached: Resolution (1 item)',
      'Checklist attached: Payments SEV1 (2 items)',
    ]);
    // The one message, brought up to date in place: every item with its owner, link and Done button.
    expect(checklistPosts(channelId)).toHaveLength(1);
    const shown = checklistMessage(channelId)!;
    const text = JSON.stringify(shown.blocks);
    expect(text).toContain('Tell Customer Success');
    expect(text).toContain('Communications lead');
    expect(text).toContain('https://grafana.example.com/d/slo');
    expect(shown.blocks!.filter((b) => (b as { accessory?: unknown }).accessory)).toHaveLength(3);

    // The same change again, its redelivery, and the hook run once more for the same change: nothing more.
    const again = await h.user(PEOPLE.bob).command('severity SEV1', channelId);
    await h.user(PEOPLE.bob).command('severity SEV1', channelId, { 'X-Slack-Retry-Num': '1' }, again);
    const hook = planChecklists({
      policy: parsePolicy({ ...DEFAULT_POLICY_INPUT, ...policyWith('warn') }),
      recorder: recorderOf(),
    });
    const now = (await h.store.incidents.get(incident.id))!;
    await h.store.transaction((tx) => hook(now, facts(h.clock.now(), { severityChanged: true }), tx) as Promise<void>);
    await h.commander.idle();
    await h.tick();
    expect(await attached(incident.id)).toHaveLength(2);
    expect(await h.store.checklists.itemsOf(incident.id)).toHaveLength(3);
    expect(checklistPosts(channelId)).toHaveLength(1);

    // Back to SEV2: the list stays.
    await h.user(PEOPLE.bob).command('severity SEV2', channelId);
    expect((await h.store.checklists.listsOf(incident.id)).map((l) => l.listId)).toEqual([
      'resolution',
      'payments-sev1',
    ]);
  });

  it('a service added later attaches its list', async () => {
    await start();
    await h.user(PEOPLE.alice).command('declare Card payments failing');
    await h.user(PEOPLE.alice).submit(openedView(h, 'declare_incident'), {
      severity: 'SEV1',
      impact: 'Checkouts fail',
      commander: PEOPLE.bob,
    });
    await h.commander.idle();
    const [incident] = await storedIncidents(h.store);
    expect(await attached(incident!.id)).toEqual(['Checklist attached: Resolution (1 item)']);
    await h.user(PEOPLE.bob).command('services add payments', incident!.channelId!);
    expect(await attached(incident!.id)).toEqual([
      'Checklist attached: Resolution (1 item)',
      'Checklist attached: Payments SEV1 (2 items)',
    ]);
  });

  it('Done ticks an item with who and when, on the timeline, in the message and in the postmortem; Undo takes it back; an outsider is refused', async () => {
    await start();
    const incident = await declareSev2();
    const channelId = incident.channelId!;
    const bob = h.user(PEOPLE.bob);

    // Carol is not in the channel: her click changes nothing and she is told why.
    await h.user(PEOPLE.carol).click(checklistMessage(channelId)!, 'checklist_tick');
    expect((await h.store.checklists.itemsOf(incident.id))[0]?.tickedAt).toBeNull();
    expect(JSON.stringify([h.fake.responses(), h.fake.ephemerals()])).toContain('Only members of');

    h.clock.advance(5 * 60_000);
    const tickedAt = h.clock.now();
    // As the click carried it (the fake's message changes with each chat.update).
    const message = structuredClone(checklistMessage(channelId)!);
    await bob.click(message, 'checklist_tick');
    // Slack redelivers the click: the item is ticked once.
    await bob.click(message, 'checklist_tick');
    const [item] = await h.store.checklists.itemsOf(incident.id);
    expect(item).toMatchObject({ text: 'Confirm fix is deployed and working', tickedBy: PEOPLE.bob, tickedAt });
    const ticks = await storedEntries(h.store, { incidentId: incident.id, kind: 'checklist_item_ticked' });
    expect(ticks.map((e) => [storedLine(e), e.actorId, e.at])).toEqual([
      ['Done: Confirm fix is deployed and working', PEOPLE.bob, tickedAt],
    ]);
    const updated = checklistMessage(channelId)!;
    expect(JSON.stringify(updated.blocks)).toContain(`done by <@${PEOPLE.bob}>`);
    expect(JSON.stringify(updated.blocks)).toContain('Undo');

    const renderer = createPostmortemRenderer({
      store: h.store,
      policy: parsePolicy({ ...DEFAULT_POLICY_INPUT, ...policyWith('warn') }),
      clock: h.clock,
      chat: slackText,
    });
    const markdown = await joined(await renderer.render(incident.id, 'md'));
    expect(markdown).toContain('## Checklists');
    expect(markdown).toContain(
      '| Confirm fix is deployed and working _(required)_ | Resolution | ✅ @bob | 2026-11-24 09:05 UTC |',
    );
    const json = JSON.parse(await joined(await renderer.render(incident.id, 'json')));
    expect(json.checklists[0].items[0]).toMatchObject({ doneBy: PEOPLE.bob, doneAt: new Date(tickedAt).toISOString() });

    await bob.click(updated, 'checklist_tick');
    expect((await h.store.checklists.itemsOf(incident.id))[0]?.tickedAt).toBeNull();
    expect(
      (await storedEntries(h.store, { incidentId: incident.id, kind: 'checklist_item_ticked' })).map(storedLine),
    ).toEqual(['Done: Confirm fix is deployed and working', 'No longer done: Confirm fix is deployed and working']);
  });

  it('/incident task add adds an owned item to the message, once per command; /incident tasks lists them', async () => {
    await start();
    const incident = await declareSev2();
    const channelId = incident.channelId!;
    const added = await h.user(PEOPLE.bob).command(`task add Page the DBA <@${PEOPLE.carol}|carol>`, channelId);
    expect(JSON.stringify(added.json ?? added.text)).toContain('Task added');
    const adHoc = (await h.store.checklists.itemsOf(incident.id)).filter((i) => i.listId === '');
    expect(adHoc.map((i) => [i.text, i.ownerId])).toEqual([['Page the DBA', PEOPLE.carol]]);
    expect(
      (await storedEntries(h.store, { incidentId: incident.id, kind: 'checklist_item_added' })).map(storedLine),
    ).toEqual([`Task added: Page the DBA (owner @${PEOPLE.carol})`]);
    expect(JSON.stringify(checklistMessage(channelId)!.blocks)).toContain('Page the DBA');

    const listed = await h.user(PEOPLE.alice).command('tasks', channelId);
    const reply = String(listed.json?.text ?? '');
    expect(reply).toContain('Resolution');
    expect(reply).toContain('Page the DBA');
    expect(reply).toContain('Confirm fix is deployed and working');

    const outsider = await h.user(PEOPLE.carol).command('task add Sneak one in', channelId);
    expect(String(outsider.json?.text)).toContain('Only members of');
    expect(await h.store.checklists.itemsOf(incident.id)).toHaveLength(2);
  });

  it('refuse: the resolve form names the blocking items and resolving is refused until they are done', async () => {
    await start('refuse');
    const incident = await declareSev2();
    const channelId = incident.channelId!;
    await h.user(PEOPLE.bob).command('severity SEV1', channelId);
    await h.user(PEOPLE.bob).command('resolve', channelId);
    expect(JSON.stringify(openedView(h, 'resolve_incident').view.blocks)).toContain('must be done before resolving');
    const refused = await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' });
    expect(refused.json?.response_action).toBe('errors');
    expect(refused.json?.errors.resolution).toBe(
      'Not resolved yet: these required checklist items are not done: "Tell Customer Success" (Payments SEV1).',
    );
    expect((await h.store.incidents.get(incident.id))?.resolvedAt).toBeNull();

    // The domain refuses too, whoever asks (a form submitted before the item was unticked).
    await expect(
      h.commander.incidents.resolve({
        incidentId: incident.id,
        key: 'V-direct',
        resolution: 'x',
        rootCause: '',
        authorId: PEOPLE.bob,
      }),
    ).rejects.toThrow('"Tell Customer Success" (Payments SEV1)');

    const item = (await h.store.checklists.itemsOf(incident.id)).find((i) => i.text === 'Tell Customer Success')!;
    await h.user(PEOPLE.bob).click(
      {
        ...checklistMessage(channelId)!,
        blocks: checklistMessage(channelId)!.blocks!.filter(
          (b) => (b as { block_id?: string }).block_id === `checklist_item:${item.id}`,
        ),
      },
      'checklist_tick',
    );
    await h.user(PEOPLE.bob).command('resolve', channelId);
    const accepted = await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' });
    expect(accepted.json?.response_action).toBeUndefined();
    await h.commander.idle();
    expect((await h.store.incidents.get(incident.id))?.resolvedAt).not.toBeNull();
  });

  it('warn: the resolve form lists the required items not done, and resolving goes ahead', async () => {
    await start('warn');
    const incident = await declareSev2();
    const channelId = incident.channelId!;
    await h.user(PEOPLE.bob).command('resolve', channelId);
    const form = JSON.stringify(openedView(h, 'resolve_incident').view.blocks);
    expect(form).toContain('Required checklist items not done yet');
    expect(form).toContain('Confirm fix is deployed and working (Resolution)');
    await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' });
    await h.commander.idle();
    expect((await h.store.incidents.get(incident.id))?.resolvedAt).not.toBeNull();
  });

  it('a change that dies in the middle of attaching attaches nothing; the next change attaches once', async () => {
    await start();
    const incident = await declareSev2();
    const policy = parsePolicy({ ...DEFAULT_POLICY_INPUT, ...policyWith('warn') });
    // As a kill -9 would: the attach is in the change's transaction, which never commits.
    await expect(
      h.store.transaction(async (tx) => {
        await attachChecklist({ policy, recorder: recorderOf() }, tx, incident.id, 'payments-sev1', {
          at: h.clock.now(),
          actorId: PEOPLE.bob,
        });
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect((await h.store.checklists.listsOf(incident.id)).map((l) => l.listId)).toEqual(['resolution']);
    await h.user(PEOPLE.bob).command('severity SEV1', incident.channelId!);
    expect(await attached(incident.id)).toHaveLength(2);
    expect(await h.store.checklists.itemsOf(incident.id)).toHaveLength(3);
  });
});

/** A recorder as the app makes it, for calling the domain directly. */
const recorderOf = () => createRecorder({ line: plainEntryLine(slackText) });
