import { slackErrorSentence } from '../../src/slack/text/error-sentences';
import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries } from '../support/stored';
import { messageContaining, openedView } from './flows';

/**
 * After the fire: a required postmortem is drafted at resolve, and each of its deadlines nudges
 * the commander by DM, in the commander's working hours, with one button that records the step.
 */

describe.each(APP_ENGINES)('on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(await database.options());
  });
  afterEach(async () => h.stop());

  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;

  async function resolved(severity: string, lasting = 30 * 60_000, visibility?: string, beforeResolve = () => {}) {
    await h.user(PEOPLE.alice).command('declare Checkout down');
    await h.user(PEOPLE.alice).submit(openedView(h, 'declare_incident'), {
      severity,
      commander: PEOPLE.bob,
      ...(visibility ? { visibility } : {}),
    });
    const channelId = h.fake.okCalls('conversations.create').at(-1)!.response.channel.id as string;
    h.clock.advance(lasting);
    beforeResolve();
    await h.user(PEOPLE.bob).command('resolve', channelId);
    await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' });
    return { channelId, incidentId: (await h.commander.incidents.findByChannel(channelId))!.id };
  }

  const nudges = () =>
    h.fake
      .messages(h.fake.dmWith(PEOPLE.bob))
      .filter((m) => JSON.stringify(m.blocks ?? []).includes('postmortem_step_done'));
  const steps = async (incidentId: number) =>
    (await h.store.postmortemSteps.of(incidentId)).map(({ step, dueAt, nudgedAt, doneAt, doneBy }) => ({
      step,
      due_at: dueAt,
      nudged_at: nudgedAt,
      done_at: doneAt,
      done_by: doneBy,
    }));
  const entries = async (kind: 'postmortem_uploaded' | 'postmortem_step_done', incidentId?: number) =>
    (await storedEntries(h.store, { kind, incidentId })).map((e) => ({ actor_id: e.actorId, data: e.data }));

  describe('at resolve', () => {
    it('a SEV1 postmortem is drafted and shared in the channel at once, and the resolve post says when it is due', async () => {
      const { channelId, incidentId } = await resolved('SEV1');
      const upload = h.fake.uploads().at(-1);
      expect(upload).toMatchObject({ channel_id: channelId, filename: `postmortem-${incidentId}.md` });
      expect(upload?.content).toContain('## Summary');
      const post = messageContaining(h, channelId, '*Resolved* after')!;
      expect(JSON.stringify(post.blocks)).toContain('A postmortem is required');
      expect(JSON.stringify(post.blocks)).toContain(`<!date^${(h.clock.now() + DAY) / 1000}^`);
      expect((await steps(incidentId)).map((s) => s.step)).toEqual(['report', 'draft', 'meeting', 'actions']);
      const shared = await entries('postmortem_uploaded', incidentId);
      expect(shared).toEqual([{ actor_id: null, data: { draft: false, fileName: `postmortem-${incidentId}.md` } }]);
    });

    it('a draft Slack refuses to share is told to the resolver as what Slack said, not as the client’s error code', async () => {
      const { channelId, incidentId } = await resolved('SEV1', undefined, undefined, () =>
        h.fake.fail('files.completeUploadExternal', { error: 'not_in_channel' }),
      );
      expect(await entries('postmortem_uploaded', incidentId)).toHaveLength(0);
      const told = h.fake.ephemerals(channelId).map((e) => e.text);
      expect(told).toEqual([
        `⚠️ Sharing the postmortem draft in the channel failed: ${slackErrorSentence('not_in_channel')}`,
      ]);
      expect(told.join('')).not.toContain('slack_webapi');
    });

    it('follows runbook 002: SEV2 only over 2 hours, SEV3 not, a private incident always', async () => {
      const short = await resolved('SEV2', HOUR);
      const long = await resolved('SEV2', 3 * HOUR);
      const minor = await resolved('SEV3');
      const secret = await resolved('SEV3', HOUR, 'private');
      expect(h.fake.uploads().map((u) => u.channel_id)).toEqual([long.channelId, secret.channelId]);
      expect(await steps(short.incidentId)).toEqual([]);
      expect(await steps(minor.incidentId)).toEqual([]);
      const shortPost = messageContaining(h, short.channelId, '*Resolved* after')!;
      expect(JSON.stringify(shortPost.blocks)).not.toContain('postmortem is required');
    });
  });

  describe('deadline nudges', () => {
    it('each step nudges the commander once when due, and the button records it on the timeline', async () => {
      const { incidentId } = await resolved('SEV1'); // resolved Tue 24 Nov 09:30 UTC; Bob is in London
      h.clock.advance(DAY - 60_000);
      await h.tick();
      expect(nudges()).toHaveLength(0);

      h.clock.advance(60_000);
      await h.tick();
      await h.tick();
      expect(nudges()).toHaveLength(1);
      expect(JSON.stringify(nudges()[0]!.blocks)).toContain('Mark report written');

      await h.user(PEOPLE.bob).click(nudges()[0]!, 'postmortem_step_done');
      expect((await steps(incidentId))[0]).toMatchObject({
        step: 'report',
        done_by: PEOPLE.bob,
        done_at: h.clock.now(),
      });
      const [entry] = await entries('postmortem_step_done');
      expect(entry).toEqual({ actor_id: PEOPLE.bob, data: { step: 'report' } });
      expect(h.fake.responses().at(-1)?.body).toMatchObject({
        replace_original: true,
        text: expect.stringContaining('Report written'),
      });

      const labels: string[] = [];
      for (const wait of [DAY, 5 * DAY, 7 * DAY]) {
        h.clock.advance(wait);
        await h.tick();
        labels.push(JSON.stringify(nudges().at(-1)!.blocks).match(/"text":"(Mark [a-z ]+)"/)![1]!);
      }
      expect(labels).toEqual(['Mark draft shared', 'Mark meeting held', 'Mark actions tracked']);
      expect(nudges()).toHaveLength(4);
    });

    it('wait for the working hours of the commander’s zone: never at 3 AM, never at the weekend', async () => {
      h.fake.user(PEOPLE.bob)!.tz = 'America/Los_Angeles';
      const { incidentId } = await resolved('SEV1');
      // The report is due Wed 09:30 UTC: 01:30 in Los Angeles.
      h.clock.advance(DAY);
      await h.tick();
      expect(nudges()).toHaveLength(0);
      h.clock.set(Date.UTC(2026, 10, 25, 16, 59));
      await h.tick();
      expect(nudges()).toHaveLength(0);
      h.clock.set(Date.UTC(2026, 10, 25, 17, 0)); // 09:00 in Los Angeles
      await h.tick();
      expect(nudges()).toHaveLength(1);
      expect((await steps(incidentId))[0]!.nudged_at).toBe(Date.UTC(2026, 10, 25, 17, 0));

      // The meeting is due Tue 1 Dec 09:30 UTC; the draft (Thu 26 Nov 09:30 UTC, 01:30 in LA) waits to 09:00 there.
      h.clock.set(Date.UTC(2026, 10, 26, 9, 30));
      await h.tick();
      expect(nudges()).toHaveLength(1);
      h.clock.set(Date.UTC(2026, 10, 26, 17, 0));
      await h.tick();
      expect(nudges()).toHaveLength(2);
    });

    it('due at the weekend waits for Monday', async () => {
      const { incidentId } = await resolved('SEV1');
      const reportNudges = () => nudges().filter((m) => JSON.stringify(m.blocks).includes('Mark report written'));
      await h.store.postmortemSteps.plan(incidentId, 'report', Date.UTC(2026, 10, 28, 12)); // due and nudged Saturday noon
      h.clock.set(Date.UTC(2026, 10, 28, 12));
      await h.tick();
      h.clock.set(Date.UTC(2026, 10, 29, 12));
      await h.tick();
      expect(reportNudges()).toHaveLength(0);
      h.clock.set(Date.UTC(2026, 10, 30, 9)); // Monday 09:00 in London
      await h.tick();
      expect(reportNudges()).toHaveLength(1);
    });
  });
});
