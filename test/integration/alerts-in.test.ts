import type { TimelineEntry } from '../../src/timeline/timeline.types';
import { fixture, postRaw, baseUrl, sendGeneric, sendWithToken } from '../support/alert-sender';
import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries, storedIncidents, storedLine } from '../support/stored';
import { messageContaining, openedView } from './flows';

const AM_TOKEN = 'am-token-0123456789abcdef';
const GRAFANA_TOKEN = 'grafana-token-0123456789ab';
const SECRET = 'deploy-bot-secret-0123456789';
const ALERTS_CHANNEL = 'CALERTS01';

const ALERTS_POLICY = {
  oncall: [{ name: 'platform', users: [PEOPLE.bob] }],
  alerts: {
    sources: [
      { name: 'prod-alertmanager', token: AM_TOKEN },
      { name: 'grafana', token: GRAFANA_TOKEN },
      { name: 'deploy-bot', secret: SECRET },
    ],
    defaultSeverity: 'SEV3',
    routes: [
      { match: { alertname: 'Watchdog' }, action: 'drop' },
      { match: { severity: 'critical' }, action: 'declare', severity: 'SEV1', title: '{{alertname}} on {{service}}' },
      { match: { severity: 'warning' }, action: 'notify', channel: ALERTS_CHANNEL },
      { match: {}, action: 'declare' },
    ],
  },
};

describe.each(APP_ENGINES)('on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  let logLines: string[];
  afterEach(async () => h?.stop());
  beforeEach(async () => {
    logLines = [];
    h = await startHarness({ policy: ALERTS_POLICY, logLines, ...(await database.options()) });
    h.fake.addChannel({ id: ALERTS_CHANNEL, name: 'alerts' });
  });

  const incidents = async () =>
    (await storedIncidents(h.store)).map((i) => ({
      id: i.id,
      title: i.title,
      severity: i.severity,
      commander_id: i.commanderId,
      declared_by: i.declaredBy,
      channel_id: i.channelId!,
      resolved_at: i.resolvedAt,
    }));
  const timeline = async (incidentId: number, kind: TimelineEntry['kind']) =>
    (await storedEntries(h.store, { incidentId, kind })).map((e) => ({
      text: storedLine(e),
      actor_id: e.actorId,
    }));
  /** Every notification stored (numbered from 1 in a fresh database), processed or not. */
  async function notifications() {
    const stored = [];
    for (let id = 1; ; id++) {
      const one = await h.store.alerts.notification(id);
      if (!one) return stored;
      stored.push(one);
    }
  }
  /** The outcome of each processed notification, in order, as the app logged it once it was stored with it. */
  const outcomes = () =>
    logLines
      .map((line) => JSON.parse(line))
      .filter((l) => l.msg === 'alert notification processed')
      .map((l) => l.outcome);

  describe('alerts from Alertmanager', () => {
    it('a critical alert group declares an incident with the mapped severity, led by the on-call primary, declared by the source', async () => {
      const response = await sendWithToken(h, 'alertmanager', fixture('alertmanager-firing.json'), AM_TOKEN);
      expect(response.status).toBe(202);

      const [incident] = await incidents();
      expect(incident).toMatchObject({
        title: 'HighRequestLatency on checkout',
        severity: 'SEV1',
        commander_id: PEOPLE.bob,
        declared_by: 'alert:prod-alertmanager',
      });
      const channel = h.fake.channel(incident!.channel_id)!;
      expect([...channel.members]).toContain(PEOPLE.bob);
      const kickoff = messageContaining(h, incident!.channel_id, 'incident_open_update');
      expect(JSON.stringify(kickoff!.blocks)).toContain('from an alert by *prod-alertmanager*');
      expect(JSON.stringify(kickoff!.blocks)).toContain('p99 latency of checkout is above 2s');
      expect(await timeline(incident!.id, 'alert_firing')).toEqual([
        { text: 'Alert firing: HighRequestLatency', actor_id: 'alert:prod-alertmanager' },
      ]);
      // Nobody is sent a DM as if the alert source were a person.
      expect(h.fake.calls('conversations.invite').map((c) => String(c.args.users))).toEqual([PEOPLE.bob]);
    });

    it('repeats add nothing, a new alert in the group adds one entry, and resolved is a note that leaves the incident open', async () => {
      await sendWithToken(h, 'alertmanager', fixture('alertmanager-firing.json'), AM_TOKEN);
      const [incident] = await incidents();
      const entriesAfterFirst = await h.store.timeline.count(incident!.id);

      expect((await sendWithToken(h, 'alertmanager', fixture('alertmanager-firing.json'), AM_TOKEN)).status).toBe(202);
      expect(await incidents()).toHaveLength(1);
      expect(await h.store.timeline.count(incident!.id)).toBe(entriesAfterFirst);

      await sendWithToken(h, 'alertmanager', fixture('alertmanager-firing-more.json'), AM_TOKEN);
      await sendWithToken(h, 'alertmanager', fixture('alertmanager-firing-more.json'), AM_TOKEN);
      expect(await incidents()).toHaveLength(1);
      expect((await timeline(incident!.id, 'alert_firing')).map((e) => e.text)).toEqual([
        'Alert firing: HighRequestLatency',
        'Alert firing: HighRequestLatency',
      ]);

      await sendWithToken(h, 'alertmanager', fixture('alertmanager-resolved.json'), AM_TOKEN);
      const note = messageContaining(h, incident!.channel_id, 'reports resolved');
      expect(note?.text).toContain('prod-alertmanager reports resolved: HighRequestLatency');
      expect((await incidents())[0]!.resolved_at).toBeNull();
      expect(await timeline(incident!.id, 'alert_resolved')).toHaveLength(1);
      await sendWithToken(h, 'alertmanager', fixture('alertmanager-resolved.json'), AM_TOKEN);
      expect(h.fake.messages(incident!.channel_id).filter((m) => m.text.includes('reports resolved'))).toHaveLength(1);
    });

    it('alerts of one group arriving together declare one incident', async () => {
      const base = fixture('alertmanager-firing.json');
      const burst = Array.from({ length: 12 }, (_, i) => ({
        ...base,
        alerts: [
          {
            ...(base.alerts as object[])[0],
            fingerprint: `f${i}`,
            labels: { alertname: 'HighRequestLatency', instance: `api-${i}`, severity: 'critical' },
          },
        ],
      }));
      const answers = await Promise.all(
        burst.map((body) =>
          postRaw(`${baseUrl(h)}/alerts/alertmanager`, JSON.stringify(body), { authorization: `Bearer ${AM_TOKEN}` }),
        ),
      );
      await h.commander.idle();
      expect(answers.map((a) => a.status)).toEqual(burst.map(() => 202));
      expect(await incidents()).toHaveLength(1);
      expect(h.fake.okCalls('conversations.create')).toHaveLength(1);
      expect(await timeline(1, 'alert_firing')).toHaveLength(12);
    });

    it('another group is another incident; a group whose incident was resolved declares a new one when it fires again', async () => {
      await sendWithToken(h, 'alertmanager', fixture('alertmanager-firing.json'), AM_TOKEN);
      const other = {
        ...fixture('alertmanager-firing.json'),
        groupKey: '{}/{severity="critical"}:{alertname="DiskFull"}',
      };
      await sendWithToken(h, 'alertmanager', other, AM_TOKEN);
      expect(await incidents()).toHaveLength(2);

      await h.commander.incidents.resolve({
        incidentId: 1,
        key: 'resolve-1',
        resolution: 'Rolled back',
        rootCause: 'A bad deploy',
        authorId: PEOPLE.bob,
      });
      await h.commander.idle();
      await sendWithToken(h, 'alertmanager', fixture('alertmanager-firing.json'), AM_TOKEN);
      expect((await incidents()).map((i) => i.id)).toEqual([1, 2, 3]);
      expect(await timeline(3, 'alert_firing')).toHaveLength(1);
    });

    it('a Watchdog is dropped', async () => {
      const watchdog = {
        ...fixture('alertmanager-firing.json'),
        groupKey: 'w',
        commonLabels: { alertname: 'Watchdog', severity: 'none' },
      };
      expect((await sendWithToken(h, 'alertmanager', watchdog, AM_TOKEN)).status).toBe(202);
      expect(await incidents()).toHaveLength(0);
      expect(await notifications()).toHaveLength(1);
      expect(await h.store.alerts.pendingCount()).toBe(0);
      expect(outcomes()).toEqual(['dropped']);
    });

    it('a notification accepted before a stop is processed at the next start', async () => {
      const store = h.store;
      const { parseNotification } = await import('../../src/alerts/payloads');
      const parsed = parseNotification('alertmanager', fixture('alertmanager-firing.json'));
      if (!parsed.ok) throw new Error(parsed.reason);
      await store.alerts.record('prod-alertmanager', 'alertmanager', h.clock.now(), parsed.notification);
      await h.restart();
      expect(await incidents()).toHaveLength(1);
      expect(await notifications()).toHaveLength(1);
      expect(await h.store.alerts.pendingCount()).toBe(0);
    });
  });

  describe('alerts from Grafana', () => {
    it('the documented webhook sample declares an incident; without a severity label the default severity is used', async () => {
      expect((await sendWithToken(h, 'grafana', fixture('grafana-firing.json'), GRAFANA_TOKEN)).status).toBe(202);
      const [incident] = await incidents();
      // Grafana's own title ("[FIRING:2]  (blue)") is deprecated and says little; the first alert's name does.
      expect(incident).toMatchObject({ title: 'High memory usage', severity: 'SEV3', declared_by: 'alert:grafana' });
      expect((await timeline(incident!.id, 'alert_firing')).map((e) => e.text)).toEqual([
        'Alert firing: High memory usage',
        'Alert firing: High CPU usage',
      ]);
      await sendWithToken(h, 'grafana', fixture('grafana-firing.json'), GRAFANA_TOKEN);
      expect(await incidents()).toHaveLength(1);
    });
  });

  describe('generic alerts', () => {
    it('a signed alert with an unknown severity label is declared at the default severity, noted on the timeline', async () => {
      const response = await sendGeneric(
        h,
        { title: 'Deploy failed', severity: 'disaster', description: 'Rollout stuck', dedupKey: 'deploy-42' },
        SECRET,
      );
      expect(response.status).toBe(202);
      const [incident] = await incidents();
      expect(incident).toMatchObject({ title: 'Deploy failed', severity: 'SEV3', declared_by: 'alert:deploy-bot' });
      expect((await timeline(incident!.id, 'alert_severity_unknown')).map((e) => e.text)).toEqual([
        'Severity label "disaster" is not known; declared as SEV3',
      ]);
      await sendGeneric(h, { title: 'Deploy failed again', dedupKey: 'deploy-42' }, SECRET);
      expect(await incidents()).toHaveLength(1);
    });

    it('a warning is posted to the alerts channel once, and its button opens the declare form filled in', async () => {
      await sendGeneric(
        h,
        { title: 'Queue is backing up', severity: 'warning', description: 'Lag 5 minutes', dedupKey: 'queue' },
        SECRET,
      );
      await sendGeneric(
        h,
        { title: 'Queue is backing up', severity: 'warning', description: 'Lag 5 minutes', dedupKey: 'queue' },
        SECRET,
      );
      expect(await incidents()).toHaveLength(0);
      const notices = h.fake.messages(ALERTS_CHANNEL);
      expect(notices).toHaveLength(1);
      await h.user(PEOPLE.alice).click(notices[0]!, 'alert_declare_incident');
      const blocks = openedView(h, 'declare_incident').view.blocks as Array<{
        block_id: string;
        element: Record<string, unknown>;
      }>;
      const field = (id: string) => blocks.find((b) => b.block_id === id)!.element;
      expect(field('title').initial_value).toBe('Queue is backing up');
      expect(field('impact').initial_value).toBe('Lag 5 minutes');
      expect((field('severity').initial_option as { value: string }).value).toBe('SEV3');
    });
  });

  describe('refused notifications', () => {
    const marker = 'SECRET-BODY-MARKER';
    const body = { ...fixture('alertmanager-firing.json'), receiver: marker };

    it('a missing or wrong credential gets 401, and nothing of the body is logged', async () => {
      expect((await sendWithToken(h, 'alertmanager', body, null)).status).toBe(401);
      expect((await sendWithToken(h, 'alertmanager', body, 'wrong-token-0123456789abcdef')).status).toBe(401);
      expect((await sendWithToken(h, 'grafana', body, SECRET)).status).toBe(401);
      expect((await sendGeneric(h, { title: marker }, 'not-the-secret-0123456789')).status).toBe(401);
      expect((await sendGeneric(h, { title: marker }, SECRET, h.clock.now() - 6 * 60_000)).status).toBe(401);
      const unsigned = await postRaw(`${baseUrl(h)}/alerts/generic`, JSON.stringify({ title: marker }));
      expect(unsigned.status).toBe(401);
      expect(await incidents()).toHaveLength(0);
      expect(logLines.join('\n')).not.toContain(marker);
      expect(logLines.join('\n')).not.toContain(AM_TOKEN);
    });

    it('a malformed body gets 400 with a one-line reason', async () => {
      const notJson = await postRaw(`${baseUrl(h)}/alerts/alertmanager`, '{"status": "firing"', {
        authorization: `Bearer ${AM_TOKEN}`,
      });
      expect(notJson).toEqual({ status: 400, json: { ok: false, error: 'the body is not JSON' } });
      const { groupKey: _dropped, ...noGroupKey } = fixture('alertmanager-firing.json');
      const missing = await sendWithToken(h, 'alertmanager', noGroupKey, AM_TOKEN);
      expect(missing.status).toBe(400);
      expect(missing.json!.error).toMatch(/^groupKey: /);
      const generic = await sendGeneric(h, { title: '', severity: 'SEV1' }, SECRET);
      expect(generic).toEqual({ status: 400, json: { ok: false, error: 'title: title is empty' } });
      expect(await incidents()).toHaveLength(0);
      expect(logLines.join('\n')).not.toContain('"status": "firing"');
    });

    it('a body over 1 MB gets 413', async () => {
      const huge = { ...fixture('alertmanager-firing.json'), receiver: 'x'.repeat(1024 * 1024) };
      expect((await sendWithToken(h, 'alertmanager', huge, AM_TOKEN)).status).toBe(413);
      expect(await notifications()).toEqual([]);
    });
  });
});
