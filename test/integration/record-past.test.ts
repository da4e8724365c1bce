import type { Incident } from '../../src/incidents/incident.types';
import { currentKeyTimes } from '../../src/incidents/key-times.service';
import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { ANNOUNCE_CHANNEL, type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries, storedIncidents } from '../support/stored';
import { messageContaining, openedView } from './flows';

// The harness clock starts on Tuesday 2026-11-24 09:00 UTC; the fake's people read in UTC.
const HOUR = 3_600_000;
const STARTED = Date.UTC(2026, 10, 23, 8, 0);
const ENDED = Date.UTC(2026, 10, 23, 10, 30);

let h: Harness;
afterEach(async () => h?.stop());

describe.each(APP_ENGINES)('/incident record on %s', (engine) => {
  const database = appDatabase(engine);
  beforeEach(async () => {
    h = await startHarness(await database.options());
  });

  const record = async (input: Record<string, string | undefined>) => {
    await h.user(PEOPLE.alice).command('record Nightly export lost rows');
    return h.user(PEOPLE.alice).submit(openedView(h, 'record_incident'), {
      severity: 'SEV2',
      started_at: '2026-11-23 08:00',
      ended_at: '2026-11-23 10:30',
      summary: 'Rolled the export job back',
      ...input,
    });
  };

  it('makes a numbered, resolved incident with the key times typed in, a channel when asked, no announcement, and never a reminder', async () => {
    const response = await record({ create_channel: 'channel' });
    expect(response.json?.response_action).toBe('update');
    const [incident] = await storedIncidents(h.store);
    expect(incident).toMatchObject({
      id: 1,
      status: 'resolved',
      retroactive: true,
      declaredAt: STARTED,
      resolvedAt: ENDED,
      resolution: 'Rolled the export job back',
      channelName: 'inc-1-nightly-export-lost-rows',
    });
    const times = await currentKeyTimes(h.store, incident as Incident);
    expect(times).toMatchObject({ impactStarted: STARTED, detected: STARTED, resolved: ENDED });
    expect((await storedEntries(h.store, { kind: 'declared' }))[0]?.at).toBe(STARTED);
    expect((await storedEntries(h.store, { kind: 'resolved' }))[0]?.at).toBe(ENDED);

    const channelId = incident?.channelId as string;
    expect(JSON.stringify(messageContaining(h, channelId, 'Recorded after it ended')?.blocks)).toContain(
      'Resolved after 2h 30m',
    );
    expect(h.fake.messages(ANNOUNCE_CHANNEL)).toHaveLength(0);

    await h.user(PEOPLE.alice).command('postmortem', channelId);
    const postmortem = h.fake.uploads().at(-1)?.content ?? '';
    expect(postmortem).toContain('| Impact started | 2026-11-23 08:00');
    expect(postmortem).toContain('| Resolved | 2026-11-23 10:30');
    expect(postmortem).toContain('| Time to resolve | 2h 30m |');

    const dmsBefore = h.fake.calls('chat.postMessage').length;
    for (let i = 0; i < 6; i++) {
      h.clock.advance(HOUR);
      await h.tick();
    }
    expect(h.fake.calls('chat.postMessage').length).toBe(dmsBefore);
    expect(await storedEntries(h.store, { kind: /reminder|escalat|acknowledgement/ })).toEqual([]);

    // Reopened to amend it, it still has nobody to remind or page.
    await h.user(PEOPLE.alice).command('reopen Rows still missing', channelId);
    for (let i = 0; i < 3; i++) {
      h.clock.advance(HOUR);
      await h.tick();
    }
    expect(await storedEntries(h.store, { kind: /reminder|escalat|acknowledgement/ })).toEqual([]);
  });

  it('without the box ticked, records the incident and makes no channel', async () => {
    const response = await record({ incident_type: 'drill' });
    expect(JSON.stringify(response.json?.view)).toContain('is recorded as resolved');
    expect(h.fake.calls('conversations.create')).toHaveLength(0);
    expect((await storedIncidents(h.store))[0]).toMatchObject({ type: 'drill', channelId: null, retroactive: true });
  });

  it.each([
    [{ ended_at: '2026-11-23 07:00' }, 'ended_at', 'The end must come after the start.'],
    [{ started_at: '2026-11-25 08:00', ended_at: '2026-11-25 09:00' }, 'started_at', 'This time is in the future.'],
    [{ ended_at: '2026-11-24 10:00' }, 'ended_at', 'This time is in the future'],
    [{ started_at: 'yesterday morning' }, 'started_at', 'Write the time as YYYY-MM-DD HH:MM'],
    [{ started_at: '2026-02-30 08:00' }, 'started_at', 'Write the time as YYYY-MM-DD HH:MM'],
    [{ title: '   ' }, 'title', 'Give the incident a title.'],
  ])('answers %j with an error under %s, and records nothing', async (input, field, message) => {
    const response = await record(input);
    expect(response.json?.response_action).toBe('errors');
    expect(response.json?.errors?.[field]).toContain(message);
    expect(await storedIncidents(h.store)).toEqual([]);
  });
});
