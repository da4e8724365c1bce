import { APP_ENGINES, appDatabase, tableRows } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries } from '../support/stored';
import type { Transport } from '../support/transport';
import { declareIncident, openedView } from './flows';

/**
 * Timeline entries that can be fixed: edited or removed from /incident timeline by people who may
 * change the incident (removed entries are kept, marked), and captured messages that follow their
 * original when it is edited or deleted in Slack.
 */

describe.each(APP_ENGINES)('on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  afterEach(async () => h.stop());

  const MALLORY = 'UMALLORY01';
  /** The entry with its removal marks and history, which only the table keeps (for people reading it). */
  const row = async (id: number) =>
    (await tableRows(h, 'SELECT at, data, removed_at, removed_by, history FROM timeline WHERE id = ?', id))[0] as any;
  const noteId = async (text: string) =>
    (await storedEntries(h.store)).find((e) => (e.kind === 'note' || e.kind === 'message') && e.data.source === text)!
      .id;
  const postmortem = async (user: string, channelId: string) => {
    await h.user(user).command('postmortem', channelId);
    return h.fake.uploads().at(-1)?.content as string;
  };

  describe('from /incident timeline', () => {
    beforeEach(async () => {
      h = await startHarness(await database.options());
      h.fake.addUser({ id: MALLORY, name: 'mallory', tz: 'UTC' });
    });

    it('each entry has an Edit / Remove menu for people who may change the incident, and none for others', async () => {
      const { channelId } = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Menus', commander: PEOPLE.bob });
      await h.user(PEOPLE.bob).command('note Restarted the pods', channelId);
      const mine = await h.user(PEOPLE.bob).command('timeline', channelId);
      const menus = (mine.json.blocks as any[]).filter((b) => b.accessory?.type === 'overflow');
      expect(menus.length).toBeGreaterThanOrEqual(3);
      expect(menus.at(-1).accessory.options.map((o: any) => o.text.text)).toEqual(['Edit', 'Remove']);

      const theirs = await h.user(MALLORY).command('timeline', channelId);
      expect(JSON.stringify(theirs.json.blocks)).not.toContain('overflow');
    });

    it('Remove keeps the entry, marked, shows the timeline without it, and the postmortem leaves it out', async () => {
      const { channelId } = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Remove', commander: PEOPLE.bob });
      await h.user(PEOPLE.bob).command('note Wrong channel, ignore', channelId);
      const id = await noteId('Wrong channel, ignore');
      expect(await postmortem(PEOPLE.bob, channelId)).toContain('Wrong channel, ignore');

      const reply = await h.user(PEOPLE.bob).command('timeline', channelId);
      await h
        .user(PEOPLE.bob)
        .chooseInMenu(
          { blocks: reply.json.blocks, responseUrl: reply.responseUrl, channelId },
          'timeline_entry_menu',
          `remove:${id}`,
        );

      expect(await row(id)).toMatchObject({ removed_at: h.clock.now(), removed_by: PEOPLE.bob });
      const shown = h.fake.responses(reply.responseUrl).at(-1)?.body;
      expect(shown.replace_original).toBe(true);
      expect(JSON.stringify(shown.blocks)).not.toContain('Wrong channel');
      expect(await postmortem(PEOPLE.bob, channelId)).not.toContain('Wrong channel, ignore');
    });

    it('Edit opens a form with the time in the reader’s zone and the words, and saves both with the old kept', async () => {
      h.fake.user(PEOPLE.bob)!.tz = 'Asia/Tokyo';
      const { channelId } = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Edit', commander: PEOPLE.bob });
      h.clock.advance(10 * 60_000);
      await h.user(PEOPLE.bob).command('note Rolled back deploy 41', channelId);
      const id = await noteId('Rolled back deploy 41');
      const reply = await h.user(PEOPLE.bob).command('timeline', channelId);
      await h
        .user(PEOPLE.bob)
        .chooseInMenu(
          { blocks: reply.json.blocks, responseUrl: reply.responseUrl, channelId },
          'timeline_entry_menu',
          `edit:${id}`,
        );

      const form = openedView(h, 'edit_timeline_entry');
      const fields = Object.fromEntries(
        (form.view.blocks as any[]).filter((b) => b.type === 'input').map((b) => [b.block_id, b.element.initial_value]),
      );
      // 09:10 UTC is 18:10 in Tokyo.
      expect(fields).toEqual({ entry_time: '2026-11-24 18:10', entry_text: 'Rolled back deploy 41' });

      const bad = await h.user(PEOPLE.bob).submit(form, { entry_time: 'ten past six' });
      expect(bad.json?.errors).toEqual({ entry_time: expect.stringMatching(/^Write the time as YYYY-MM-DD HH:MM/) });
      await h.user(PEOPLE.bob).submit(form, { entry_time: '2026-11-24 18:05:30', entry_text: 'Rolled back deploy 42' });

      const after = await row(id);
      expect(after.at).toBe(Date.UTC(2026, 10, 24, 9, 5, 30));
      expect(JSON.parse(after.data).source).toBe('Rolled back deploy 42');
      expect(JSON.parse(after.history)).toEqual([
        expect.objectContaining({
          at: Date.UTC(2026, 10, 24, 9, 10),
          changedBy: PEOPLE.bob,
          data: expect.objectContaining({ source: 'Rolled back deploy 41' }),
        }),
      ]);
      expect(await postmortem(PEOPLE.bob, channelId)).toContain('Rolled back deploy 42');
    });

    it('refuses Remove to someone who may not change the incident, and keeps the entry', async () => {
      const { channelId } = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Guarded', commander: PEOPLE.bob });
      await h.user(PEOPLE.bob).command('note Keep me', channelId);
      const id = await noteId('Keep me');
      const reply = await h.user(PEOPLE.bob).command('timeline', channelId);
      await h
        .user(MALLORY)
        .chooseInMenu(
          { blocks: reply.json.blocks, responseUrl: reply.responseUrl, channelId },
          'timeline_entry_menu',
          `remove:${id}`,
        );
      expect((await row(id)).removed_at).toBeNull();
    });
  });

  describe.each<Transport>(['http', 'socket'])('a captured message, over %s', (transport) => {
    beforeEach(async () => {
      h = await startHarness({ transport, ...(await database.options()) });
    });

    it('follows edits and deletion of its original; other messages are left alone', async () => {
      const { channelId } = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Follow', commander: PEOPLE.bob });
      const captured = h.fake.addMessage({ channel: channelId, user: PEOPLE.carol, text: 'Error rate 40%' });
      const other = h.fake.addMessage({ channel: channelId, user: PEOPLE.carol, text: 'Lunch?' });
      await h.user(PEOPLE.bob).shortcut({ ...captured, user: PEOPLE.carol });
      const id = await noteId('Error rate 40%');

      await h.user(PEOPLE.carol).editMessage(captured, 'Error rate 4% (typo)');
      await h.user(PEOPLE.carol).editMessage(other, 'Lunch at 1?');
      expect(JSON.parse((await row(id)).data)).toMatchObject({ source: 'Error rate 4% (typo)' });
      expect(JSON.parse((await row(id)).history)[0].data.source).toBe('Error rate 40%');
      expect(await tableRows(h, 'SELECT id FROM timeline WHERE history IS NOT NULL')).toHaveLength(1);

      await h.user(PEOPLE.carol).deleteMessage(captured);
      expect(await row(id)).toMatchObject({ removed_at: h.clock.now(), removed_by: null });
      expect(await postmortem(PEOPLE.bob, channelId)).not.toContain('Error rate');
    });
  });
});
