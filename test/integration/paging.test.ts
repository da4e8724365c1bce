import { APP_ENGINES } from '../support/app-engines';
import { FakePagerDuty } from '../support/fake-outside/fake-pagerduty';
import { type Harness, PEOPLE } from '../support/harness';
import { storedKinds } from '../support/stored';
import { openedView } from './flows';
import { LADDERS, ladderStage } from './escalation-stage';

const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdefABCDEF';

describe.each(APP_ENGINES)('paging through PagerDuty, on %s', (engine) => {
  const stage = ladderStage(engine);
  let h: Harness;
  let pd: FakePagerDuty;
  let logLines: string[];

  /** The built-in ladders, SEV1's with on-call secondary at 15m and PagerDuty at 20m; `sev1` changes more. */
  const startWith = (sev1Changes: Record<string, unknown> = {}, more: Record<string, unknown> = {}) => {
    const [sev1, ...rest] = LADDERS.severities;
    return stage.start(
      {
        ...LADDERS,
        ...more,
        severities: [
          {
            ...sev1,
            ...sev1Changes,
            escalation: [
              {
                name: 'on-call secondary',
                after: '15m',
                unless: 'acknowledged',
                notify: { oncall: 'platform.secondary' },
              },
              {
                name: 'pager',
                after: '20m',
                unless: 'resolved',
                notify: { pagerduty: { routingKey: ROUTING_KEY, apiUrl: pd.url } },
              },
            ],
          },
          ...rest,
        ],
        bridge: 'https://meet.example.com/inc-{{number}}',
      },
      { logLines },
    );
  };

  beforeEach(async () => {
    pd = await FakePagerDuty.start();
    logLines = [];
    h = await startWith();
  });
  afterEach(async () => {
    await stage.stop();
    await pd.stop();
  });

  it('a SEV1 pages at its level’s time, then acknowledges and resolves, one event each, same dedup_key, in order, through a first failure', async () => {
    pd.http.plan('fail');
    const incident = await stage.declare();
    await stage.at(19.9);
    expect(pd.http.requests).toHaveLength(0);

    await stage.at(20);
    // PagerDuty failed the first attempt: nothing taken yet, tried again with backoff.
    expect(pd.http.requests).toHaveLength(1);
    expect(pd.events).toHaveLength(0);
    await stage.at(21);
    expect(pd.events.map((e) => e.event_action)).toEqual(['trigger']);
    await stage.at(40);
    expect(pd.events).toHaveLength(1);

    await stage.acknowledgeFromDm(PEOPLE.alice);
    await stage.acknowledgeFromDm(PEOPLE.alice);
    await h.user(PEOPLE.alice).command('resolve', incident.channelId);
    await h.user(PEOPLE.alice).submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' });
    await stage.at(90);

    expect(pd.events.map((e) => e.event_action)).toEqual(['trigger', 'acknowledge', 'resolve']);
    const [trigger] = pd.events;
    expect(new Set(pd.events.map((e) => e.dedup_key)).size).toBe(1);
    expect(trigger?.dedup_key).toContain(`incident:${incident.incidentId}`);
    expect(trigger?.payload).toMatchObject({
      summary: `#${incident.incidentId} SEV1: Checkout down`,
      source: 'commander',
      severity: 'critical',
    });
    expect(trigger?.links).toEqual([
      { href: `https://slack.com/app_redirect?channel=${incident.channelId}`, text: expect.any(String) },
    ]);
    expect((await storedKinds(h.store, incident.incidentId)).filter((k) => k === 'paged')).toHaveLength(3);
    // The routing key is sent to PagerDuty alone: not in the timeline, not in the store's events.
    const rows = await h.store.pagerEvents.of(incident.incidentId);
    expect(rows.map((r) => r.body).join('')).not.toContain(ROUTING_KEY);
    expect(logLines.filter((l) => l.includes(ROUTING_KEY))).toEqual([]);
  });

  it('an incident resolved before the level’s time pages nobody', async () => {
    const incident = await stage.declare();
    await h.user(PEOPLE.alice).command('resolve', incident.channelId);
    await h.user(PEOPLE.alice).submit(openedView(h, 'resolve_incident'), { resolution: 'Gone by itself' });
    await stage.at(30);
    // Resolved before its time: the level never fired, so nothing to acknowledge or resolve either.
    expect(pd.http.requests).toHaveLength(0);
  });

  it('the bridge is in the kick-off, the channel’s bookmarks and the escalation briefing', async () => {
    const incident = await stage.declare();
    const call = `https://meet.example.com/inc-${incident.incidentId}`;
    const kickoff = h.fake
      .messages(incident.channelId)
      .find((m) => JSON.stringify(m.blocks ?? []).includes('Join the call'));
    expect(JSON.stringify(kickoff?.blocks)).toContain(`<${call}|Join the call>`);
    expect(h.fake.bookmarks(incident.channelId)).toEqual([
      expect.objectContaining({ title: 'Incident call', link: call }),
    ]);
    await stage.at(15);
    expect(stage.dmsWith(PEOPLE.bob, call)).toHaveLength(1);
  });

  it('/incident escalate reaching the PagerDuty level pages once, however often it is reached, and not again at its time', async () => {
    const incident = await stage.declare();
    const first = await h.user(PEOPLE.alice).command('escalate', incident.channelId);
    expect(JSON.stringify(h.fake.responses(first.responseUrl))).toContain('Called in level 1');
    const second = await h.user(PEOPLE.alice).command('escalate checkout still down', incident.channelId);
    expect(h.fake.responses(second.responseUrl).at(-1)?.body.text).toBe(
      '📟 Reached level 2 (pager): PagerDuty is paged.',
    );
    await stage.at(1);
    expect(pd.events.map((e) => e.event_action)).toEqual(['trigger']);

    await h.user(PEOPLE.alice).command('escalate 2', incident.channelId);
    await stage.at(20);
    await stage.at(40);
    expect(pd.events.map((e) => e.event_action)).toEqual(['trigger']);
    expect(pd.events[0]?.dedup_key).toContain(`incident:${incident.incidentId}`);
  });

  it('/incident escalate 2 pages at once; the clock then pages nobody again', async () => {
    const incident = await stage.declare();
    await h.user(PEOPLE.alice).command('escalate 2 customers calling', incident.channelId);
    await stage.at(1);
    expect(pd.events.map((e) => e.event_action)).toEqual(['trigger']);
    await stage.at(20);
    await stage.at(30);
    expect(pd.events).toHaveLength(1);
    // The first level is still the clock's: Bob is called in at 15 minutes, as before.
    expect(await stage.escalations(incident.incidentId)).toEqual(['1:time']);
  });

  it('missed updates reaching the PagerDuty level page once, and its time later pages nobody again', async () => {
    await stage.stop();
    h = await startWith(
      { updateEvery: '5m', escalateAfterMissed: 2 },
      { reminders: { repeatAfter: '1m', snoozeFor: '2m', checkEvery: '5s' } },
    );
    const incident = await stage.declare();
    for (const minute of [5, 6, 7]) await stage.at(minute);
    expect(await stage.escalations(incident.incidentId)).toEqual(['1:missed_updates']);
    expect(pd.http.requests).toHaveLength(0);
    for (const minute of [8, 9]) await stage.at(minute);
    await stage.at(10);
    expect(pd.events.map((e) => e.event_action)).toEqual(['trigger']);
    for (const minute of [12, 15, 20, 25, 40]) await stage.at(minute);
    expect(pd.events.map((e) => e.event_action)).toEqual(['trigger']);
    expect((await h.store.pagerEvents.of(incident.incidentId)).map((r) => `${r.level}:${r.action}`)).toEqual([
      '2:trigger',
    ]);
  });
});
