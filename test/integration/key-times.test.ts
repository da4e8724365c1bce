import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries } from '../support/stored';
import { declareIncident, messageContaining, openedView } from './flows';

/**
 * Key times people can trust: the commander corrects them in their own time zone, the form says
 * which field breaks the order, and every correction is on the timeline with its old value.
 */

describe.each(APP_ENGINES)('on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(await database.options());
  });
  afterEach(async () => h.stop());

  const MINUTE = 60_000;

  async function resolvedIncident() {
    const declared = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout down', commander: PEOPLE.bob });
    h.clock.advance(3 * MINUTE);
    await h.user(PEOPLE.bob).command('update', declared.channelId);
    await h.user(PEOPLE.bob).submit(openedView(h, 'post_update'), { status: 'monitoring', summary: 'Rolled back' });
    h.clock.advance(20 * MINUTE);
    await h.user(PEOPLE.bob).command('resolve', declared.channelId);
    await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back to v41' });
    return declared;
  }

  const corrections = async (incidentId: number) =>
    (await storedEntries(h.store, { incidentId, kind: 'key_time_corrected' })).map((e) => ({
      actor: e.actorId,
      ...e.data,
    }));

  describe('the key-times form', () => {
    it('opens from the resolved summary in the reader’s time zone, with the times Commander recorded', async () => {
      h.fake.user(PEOPLE.bob)!.tz = 'America/New_York';
      const { channelId } = await resolvedIncident();
      const resolved = messageContaining(h, channelId, '*Resolved* after')!;
      await h.user(PEOPLE.bob).click(resolved, 'incident_open_key_times');

      const view = openedView(h, 'key_times');
      const initial = Object.fromEntries(
        (view.view.blocks as any[])
          .filter((b) => b.type === 'input')
          .map((b) => [b.block_id, b.element.initial_value ?? null]),
      );
      // Declared 09:00 UTC on 24 Nov = 04:00 in New York; Bob's first action was the update at 04:03.
      expect(initial).toEqual({
        key_time_impactStarted: '2026-11-24 04:00',
        key_time_detected: '2026-11-24 04:00',
        key_time_acknowledged: '2026-11-24 04:03',
        key_time_mitigated: '2026-11-24 04:03',
        key_time_resolved: '2026-11-24 04:23',
      });
      expect(JSON.stringify(view.view)).toContain('America/New_York');
    });

    it('records each correction on the timeline with old and new value, read in the reader’s zone', async () => {
      h.fake.user(PEOPLE.bob)!.tz = 'America/New_York';
      const { channelId, incidentId } = await resolvedIncident();
      await h.user(PEOPLE.bob).command('times', channelId);
      const response = await h
        .user(PEOPLE.bob)
        .submit(openedView(h, 'key_times'), { key_time_impactStarted: '2026-11-24 03:42:30' });
      expect(response.json?.response_action).toBeUndefined();

      const declaredAt = Date.UTC(2026, 10, 24, 9, 0);
      expect(await corrections(incidentId)).toEqual([
        {
          actor: PEOPLE.bob,
          key: 'impactStarted',
          label: 'Impact started',
          from: declaredAt,
          to: Date.UTC(2026, 10, 24, 8, 42, 30),
        },
      ]);
      expect(h.fake.ephemerals(channelId).at(-1)?.text).toContain('Impact started');

      // The form opens again with the correction, seconds kept.
      await h.user(PEOPLE.bob).command('times', channelId);
      const again = openedView(h, 'key_times').view.blocks as any[];
      expect(again.find((b) => b.block_id === 'key_time_impactStarted').element.initial_value).toBe(
        '2026-11-24 03:42:30',
      );
    });

    it('puts the error on the field that breaks the order, and changes nothing', async () => {
      const { channelId, incidentId } = await resolvedIncident();
      await h.user(PEOPLE.bob).command('times', channelId);
      // London is on UTC in November: detected before the impact started.
      const response = await h.user(PEOPLE.bob).submit(openedView(h, 'key_times'), {
        key_time_impactStarted: '2026-11-24 08:50',
        key_time_detected: '2026-11-24 08:45',
      });
      expect(response.json).toEqual({
        response_action: 'errors',
        errors: { key_time_detected: 'Detected cannot be before impact started.' },
      });
      expect(await corrections(incidentId)).toEqual([]);
    });

    it('refuses a time it cannot read, a time in the future, and an emptied time, each under its field', async () => {
      const { channelId } = await resolvedIncident();
      await h.user(PEOPLE.bob).command('times', channelId);
      const view = openedView(h, 'key_times');
      const bad = await h.user(PEOPLE.bob).submit(view, { key_time_mitigated: '2026-02-30 10:00' });
      expect(bad.json?.errors).toEqual({
        key_time_mitigated: expect.stringMatching(/^Write the time as YYYY-MM-DD HH:MM/),
      });
      const future = await h.user(PEOPLE.bob).submit(view, { key_time_resolved: '2026-11-25 09:00' });
      expect(future.json?.errors).toEqual({ key_time_resolved: 'This time is in the future.' });
      const emptied = await h.user(PEOPLE.bob).submit(view, { key_time_detected: '' });
      expect(emptied.json?.errors).toEqual({ key_time_detected: 'Give a time: detected is known.' });
    });

    it('answers a form naming an incident that does not exist under its first field', async () => {
      const { channelId } = await resolvedIncident();
      await h.user(PEOPLE.bob).command('times', channelId);
      const view = openedView(h, 'key_times');
      const forged = {
        ...view,
        view: { ...view.view, private_metadata: JSON.stringify({ incidentId: 99, channelId, tz: 'UTC' }) },
      };
      const response = await h.user(PEOPLE.bob).submit(forged, { key_time_detected: '2026-11-24 09:01' });
      expect(response.json).toEqual({
        response_action: 'errors',
        errors: { key_time_impactStarted: 'That incident no longer exists.' },
      });
    });

    it('is refused to someone who may not change the incident', async () => {
      h.fake.addUser({ id: 'UMALLORY01', name: 'mallory', tz: 'UTC' });
      const { channelId } = await resolvedIncident();
      h.fake.channel(channelId)!.members.delete('UMALLORY01');
      const resolved = messageContaining(h, channelId, '*Resolved* after')!;
      await h.user('UMALLORY01').click(resolved, 'incident_open_key_times');
      expect(h.fake.views().filter((v) => v.view.callback_id === 'key_times')).toEqual([]);
    });
  });
});
