import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { APP_ENGINES, appDatabase, tableRows } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries, storedKinds } from '../support/stored';
import { declareIncident, messageContaining, openedView } from './flows';

const run = promisify(execFile);

describe.each(APP_ENGINES)('on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(await database.options());
  });
  afterEach(async () => h.stop());

  const timelineKinds = (incidentId: number) => storedKinds(h.store, incidentId);

  describe('the line stored with each entry, for readers of the database', () => {
    it('is a plain sentence with people as @ids, holding no Slack markup', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout <b> & co' });
      await h
        .user(PEOPLE.alice)
        .command(`note Paged <@${PEOPLE.bob}|bob> about <https://status.example|the status page>`, incident.channelId);
      // The line itself, as the table holds it: what this test is about.
      const lines = (await tableRows(
        h,
        'SELECT kind, text FROM timeline WHERE incident_id = ? ORDER BY id',
        incident.incidentId,
      )) as Array<{ kind: string; text: string }>;
      expect(lines.find((l) => l.kind === 'declared')?.text).toBe(
        `Declared SEV1 "Checkout <b> & co" with @${PEOPLE.alice} as commander`,
      );
      expect(lines.find((l) => l.kind === 'note')?.text).toBe(
        `Paged @bob about the status page (https://status.example)`,
      );
      for (const { text } of lines) expect(text).not.toMatch(/<[@#!]|&lt;|&amp;/);
    });
  });

  describe('adding messages with the shortcut', () => {
    it('in an incident channel records the message once, with author, time, text and link, and confirms privately', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Capture' });
      h.fake.channel(incident.channelId)!.members.add(PEOPLE.bob);
      const message = h.fake.addMessage({
        channel: incident.channelId,
        ts: `${h.clock.now() / 1000 + 60}.000200`,
        user: PEOPLE.carol,
        text: 'Error rate is 40% <!channel>',
      });
      const first = await h.user(PEOPLE.bob).shortcut(message);
      expect(first.status).toBe(200);
      expect(h.fake.responses(first.responseUrl)[0]?.body.text).toBe(
        `✅ Added to the timeline of #${incident.incidentId}.`,
      );
      const again = await h.user(PEOPLE.bob).shortcut(message);
      expect(h.fake.responses(again.responseUrl)[0]?.body.text).toBe(
        `That message is already on the timeline of #${incident.incidentId}.`,
      );

      // The line kept for readers of the table is part of what is checked here, so it is read there.
      const rows = (await tableRows(
        h,
        "SELECT actor_id, at, text, data FROM timeline WHERE kind = 'message'",
      )) as any[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_id: PEOPLE.carol,
        at: h.clock.now() + 60_000,
        // The line kept for readers of the database is plain text; the entry's data keeps what was written.
        text: 'Error rate is 40% @channel',
      });
      // The link is the one Slack gives (chat.getPermalink), not one built from the team domain.
      const permalink = (await h.fake.okCalls('chat.getPermalink').at(-1))?.response.permalink;
      expect(permalink).toMatch(/^https:\/\/fake\.slack\.com\/archives\//);
      expect(JSON.parse(rows[0].data)).toMatchObject({ addedBy: PEOPLE.bob, permalink });
      expect(h.fake.calls('chat.getPermalink')[0]?.args).toMatchObject({
        channel: incident.channelId,
        message_ts: message.ts,
      });
    });

    it('from another channel asks which open incident, then records it there', async () => {
      const one = await declareIncident(h, h.user(PEOPLE.alice), { title: 'First' });
      const two = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Second' });
      const message = h.fake.addMessage({
        channel: 'CGENERAL',
        ts: '1795510900.000100',
        user: PEOPLE.alice,
        text: 'Customers report failures',
      });
      await h.user(PEOPLE.bob).shortcut(message);
      const view = openedView(h, 'timeline_pick_incident');
      const options = JSON.stringify(view.view.blocks);
      expect(options).toContain('#1 First');
      expect(options).toContain('#2 Second');
      const response = await h.user(PEOPLE.bob).submit(view, { incident: String(two.incidentId) });
      expect(response.json.response_action).toBe('update');
      expect(JSON.stringify(response.json.view)).toContain(`Added to the timeline of #${two.incidentId}`);
      expect(await timelineKinds(two.incidentId)).toContain('message');
      expect(await timelineKinds(one.incidentId)).not.toContain('message');
      // The form opened before Slack was asked for the link (the trigger expires), and the link was kept.
      const methods = h.fake
        .calls()
        .map((c) => c.method)
        .filter((m) => m === 'views.open' || m === 'chat.getPermalink');
      expect(methods.slice(-2)).toEqual(['views.open', 'chat.getPermalink']);
      const [entry] = await storedEntries(h.store, { kind: 'message' });
      expect(entry?.kind === 'message' && entry.data.permalink).toBe(
        `https://fake.slack.com/archives/CGENERAL/p1795510900000100`,
      );
    });

    it('says so when there is no open incident to add to', async () => {
      const reply = await h
        .user(PEOPLE.bob)
        .shortcut({ channel: 'CGENERAL', ts: '1795510900.000100', user: PEOPLE.alice, text: 'hm' });
      expect(h.fake.responses(reply.responseUrl)[0]?.body.text).toBe(
        'There are no open incidents to add this message to.',
      );
      expect(h.fake.calls('views.open')).toHaveLength(0);
    });
  });

  describe('notes, follow-ups and the timeline view', () => {
    it('/incident note adds the caller’s note; /incident timeline shows recent entries privately', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Notes' });
      h.fake.channel(incident.channelId)!.members.add(PEOPLE.bob); // he types in the channel, so he is in it
      const note = await h
        .user(PEOPLE.bob)
        .command('note Restarted the <!here> primary &amp; replica', incident.channelId);
      expect(note.json).toEqual({
        response_type: 'ephemeral',
        text: `📝 Added to the timeline of #${incident.incidentId}.`,
      });
      const view = await h.user(PEOPLE.bob).command('timeline', incident.channelId);
      expect(view.json.response_type).toBe('ephemeral');
      const json = JSON.stringify(view.json.blocks);
      expect(json).toContain('Restarted the @here primary &amp; replica');
      expect(json).not.toContain('<!here>');
      expect(json).toContain('Declared SEV1');
      // Times are Slack date tokens, shown in each reader's zone, not a fixed one.
      expect(json).toContain(`<!date^${Math.floor(h.clock.now() / 1000)}^{date_short} {time}|`);
      expect(json).not.toMatch(/times in UTC|`Nov 24 09:00`/);
    });

    it('an empty note is refused with an example', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Empty note' });
      h.fake.channel(incident.channelId)!.members.add(PEOPLE.bob); // he types in the channel, so he is in it
      const response = await h.user(PEOPLE.bob).command('note   ', incident.channelId);
      expect(response.json.text).toMatch(/^Write the note after the command/);
    });

    it('the timeline view shows the most recent entries and says how many more there are', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Long' });
      h.fake.channel(incident.channelId)!.members.add(PEOPLE.bob); // he types in the channel, so he is in it
      for (let i = 0; i < 40; i++) {
        h.clock.advance(1_000);
        await h.user(PEOPLE.bob).command(`note step ${i} ${'x'.repeat(250)}`, incident.channelId);
      }
      const view = await h.user(PEOPLE.bob).command('timeline', incident.channelId);
      const json = JSON.stringify(view.json.blocks);
      expect(json).toContain('step 39');
      expect(json).not.toContain('step 9 ');
      // Declared, acknowledged (Alice leads it herself), channel created, and the oldest notes.
      expect(json).toMatch(/1[23] earlier entries are not shown/);
      expect(view.json.blocks.length).toBeLessThanOrEqual(50);
      for (const block of view.json.blocks) if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    });

    it('/incident followup records an action with an optional owner; /incident followups lists them', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Follow' });
      const withOwner = await h
        .user(PEOPLE.alice)
        .command(`followup Add a canary stage <@${PEOPLE.carol}|carol>`, incident.channelId);
      expect(withOwner.json.text).toContain(`with <@${PEOPLE.carol}> as owner`);
      await h.user(PEOPLE.alice).command('followup Alert on error rate', incident.channelId);
      const list = await h.user(PEOPLE.alice).command('followups', incident.channelId);
      const json = JSON.stringify(list.json.blocks);
      expect(json).toContain(`1. Add a canary stage — <@${PEOPLE.carol}>`);
      expect(json).toContain('2. Alert on error rate — _no owner_');
    });

    it('/incident done marks a follow-up done, once, and the list and postmortem show it', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Done', commander: PEOPLE.bob });
      await h.user(PEOPLE.bob).command('followup Add a canary stage', incident.channelId);
      await h.user(PEOPLE.bob).command('followup Alert on error rate', incident.channelId);
      const first = await h.user(PEOPLE.bob).command('done 2', incident.channelId);
      expect(first.json.text).toBe('✅ Follow-up 2 is done: Alert on error rate');
      const again = await h.user(PEOPLE.bob).command('done 2', incident.channelId);
      expect(again.json.text).toBe('Follow-up 2 was already done: Alert on error rate');
      expect((await h.user(PEOPLE.bob).command('done 3', incident.channelId)).json.text).toBe(
        'There is no follow-up 3; `/incident followups` lists 2.',
      );
      expect((await h.user(PEOPLE.bob).command('done two', incident.channelId)).json.text).toBe(
        'Give the number `/incident followups` shows, e.g. `/incident done 2`.',
      );

      const list = JSON.stringify((await h.user(PEOPLE.bob).command('followups', incident.channelId)).json.blocks);
      expect(list).toContain('✅ 2. Alert on error rate');
      expect(list).toContain('◻️ 1. Add a canary stage');
      expect((await timelineKinds(incident.incidentId)).filter((k) => k === 'followup_done')).toHaveLength(1);
      await h.user(PEOPLE.bob).command('postmortem', incident.channelId);
      expect(h.fake.uploads().at(-1)?.content).toContain('| Alert on error rate | _unassigned_ | — | ✅ Done |');
    });

    it('timeline commands outside an incident channel say where to run them', async () => {
      for (const sub of ['note hi', 'followup x', 'followups', 'done 1', 'timeline', 'postmortem']) {
        const response = await h.user(PEOPLE.alice).command(sub, 'CGENERAL');
        expect(response.json.text).toBe(
          'This is not an incident channel. Run this command in the channel of the incident.',
        );
      }
    });
  });

  describe('the postmortem', () => {
    it('/incident postmortem uploads a draft while open and the final document once resolved', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Postmortem', commander: PEOPLE.bob });
      await h.user(PEOPLE.bob).command(`followup Fix the alert <@${PEOPLE.carol}|carol>`, incident.channelId);
      const draft = await h.user(PEOPLE.bob).command('postmortem', incident.channelId);
      expect(draft.json.text).toBe(`Building the draft postmortem of #${incident.incidentId}…`);
      const [upload] = h.fake.uploads();
      expect(upload).toMatchObject({
        channel_id: incident.channelId,
        filename: `postmortem-${incident.incidentId}-draft.md`,
        completed: true,
      });
      expect(upload?.content).toContain('> **Draft**');
      expect(upload?.content).toContain('| Fix the alert | @carol | — | ⬜ Open |');

      h.clock.advance(45 * 60_000);
      await h.user(PEOPLE.bob).command('resolve', incident.channelId);
      await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), {
        resolution: 'Rolled back',
        root_cause: 'Bad flag',
        pm_summary: 'The checkout flag broke EU payments; we rolled back.',
        users_affected: 'About 300',
      });
      await h.user(PEOPLE.carol).command('postmortem', incident.channelId);
      const final = h.fake.uploads().at(-1);
      // Whoever asks is the author; the resolve form's summary and users affected are in their sections.
      expect(final?.content).toContain('| Author | @carol |');
      expect(final?.content).toContain('## Summary\n\nThe checkout flag broke EU payments; we rolled back.');
      expect(final?.content).toContain('- Users affected: About 300');
      expect(final?.content).toContain('```mermaid\ngantt');
      expect(final?.filename).toBe(`postmortem-${incident.incidentId}.md`);
      expect(final?.content).not.toContain('Draft');
      expect(final?.content).toContain('| Time to resolve | 45m |');
      expect(final?.content).toContain('## What went well');
      expect(messageContaining(h, incident.channelId, 'Rolled back')).toBeDefined();
    });

    it('the CLI exports the same incident from the database the app wrote, while the app runs', async () => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'From the CLI', commander: PEOPLE.bob });
      await h.user(PEOPLE.bob).command('note Something happened', incident.channelId);
      const cli = path.resolve(__dirname, '..', '..', 'src', 'cli', 'export.ts');
      const hook = path.resolve(__dirname, '..', '..', 'scripts', 'register-ts.js');
      const env = {
        ...process.env,
        DATABASE_PATH: h.dbPath,
        ...(h.databaseUrl ? { DATABASE_URL: h.databaseUrl } : {}),
        COMMANDER_CONFIG: '',
        SLACK_BOT_TOKEN: '',
        SLACK_SIGNING_SECRET: '',
      };
      const md = await run(process.execPath, ['-r', hook, cli, String(incident.incidentId)], { env, cwd: os.tmpdir() });
      expect(md.stdout).toContain('# Postmortem: #1 From the CLI');
      expect(md.stdout).toContain('Something happened');

      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'commander-export-')), 'incident.json');
      await run(process.execPath, ['-r', hook, cli, String(incident.incidentId), '--format', 'json', '--out', out], {
        env,
        cwd: os.tmpdir(),
      });
      const json = JSON.parse(fs.readFileSync(out, 'utf8'));
      expect(json.incident.title).toBe('From the CLI');
      expect(json.timeline.map((e: { kind: string }) => e.kind)).toContain('note');

      await expect(run(process.execPath, ['-r', hook, cli, '99'], { env, cwd: os.tmpdir() })).rejects.toMatchObject({
        stderr: 'export: Incident #99 does not exist.\n',
      });
    }, 60_000); // three processes, each compiling the CLI's TypeScript as it starts
  });
});
