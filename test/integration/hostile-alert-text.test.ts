import { DEFAULT_POLICY } from '../../src/config/policy';
import { createPostmortemRenderer } from '../../src/postmortem/postmortem.service';
import { slackText } from '../../src/slack/text/slack-text';
import { fixture, sendGeneric, sendWithToken } from '../support/alert-sender';
import { APP_ENGINES, appDatabase, tableRows } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries, storedIncidents, storedLine } from '../support/stored';
import { WebhookReceiver } from '../support/webhook-receiver';

/**
 * Alert text from a hostile (or broken) sender: what typed text may not hold, alerts may not either,
 * on either engine; labels that are names of Object.prototype; titles cut where an emoji sits.
 */
const AM_TOKEN = 'am-token-0123456789abcdef';
const SECRET = 'deploy-bot-secret-0123456789';
const HOOK_SECRET = 'status-page-secret-0123456789';

const NUL = '\u0000';
const RLO = '\u202E';
const LRI = '\u2066';
const PDI = '\u2069';
const NEL = '\u0085';
const CSI = '\u009B';

/** What cleaned text never holds: controls (tab and line breaks aside), C1, bidi controls, and U+FFFD (half an emoji). */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFD]/;
/** Controls as JSON writes them (it writes tab and line breaks as \\t, \\n, \\r). */
const UNSAFE_ESCAPED = /\\u00[01][0-9a-f]|\\u007f/i;
const unsafeIn = (text: string) => UNSAFE.test(text.replace(/[\t\n\r]/g, '')) || UNSAFE_ESCAPED.test(text);

const policy = (webhookUrl: string) => ({
  oncall: [{ name: 'platform', users: [PEOPLE.bob] }],
  alerts: {
    sources: [
      { name: 'prod-alertmanager', token: AM_TOKEN },
      { name: 'deploy-bot', secret: SECRET },
    ],
    defaultSeverity: 'SEV3',
    routes: [
      { match: { severity: 'critical' }, action: 'declare', severity: 'SEV1', title: '{{alertname}} on {{service}}' },
      { match: {}, action: 'declare' },
    ],
  },
  webhooks: [{ url: webhookUrl, secret: HOOK_SECRET }],
});

/** Alertmanager's sample group with hostile text in its labels, annotations and keys. */
function hostileGroup() {
  const base = fixture('alertmanager-firing.json');
  const [alert] = base.alerts as Array<Record<string, unknown>>;
  return {
    ...base,
    groupKey: `{}/{severity="critical"}:{alertname="HighRequestLatency${NUL}"}`,
    commonLabels: {
      alertname: `HighRequest${RLO}Latency${NUL}`,
      service: `check${LRI}out${PDI}${NUL}`,
      severity: 'critical',
      [`job${CSI}`]: `api${NEL}`,
    },
    commonAnnotations: {
      summary: `High ${RLO}latency${NUL}`,
      description: `p99 ${LRI}latency${PDI} of checkout${NEL} is above 2s${CSI}${NUL}`,
    },
    alerts: [
      {
        ...alert,
        labels: { alertname: `HighRequest${RLO}Latency`, instance: `api-1${NUL}`, severity: 'critical' },
        annotations: { summary: `High${NEL} latency`, description: `p99${RLO} above 2s` },
      },
    ],
  };
}

describe.each(APP_ENGINES)('alert text on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await WebhookReceiver.start(HOOK_SECRET);
    h = await startHarness({ policy: policy(receiver.url), ...(await database.options()) });
    receiver.useClock(h.clock);
  });
  afterEach(async () => {
    await h?.stop();
    await receiver?.stop();
  });

  /**
   * Every text value of the tables alert text reaches, as the tables hold them: every column, also
   * those no repository reads back (the timeline's line, the notifications' bodies).
   */
  async function storedTexts(): Promise<string[]> {
    const tables = ['incidents', 'timeline', 'alert_notifications', 'alert_groups', 'alert_fingerprints'];
    const rows: Array<Record<string, unknown>> = [];
    for (const table of tables) rows.push(...(await tableRows(h, `SELECT * FROM ${table}`)));
    return rows.flatMap((row) => Object.values(row)).filter((v): v is string => typeof v === 'string');
  }

  async function rendered(incidentId: number, format: 'md' | 'json'): Promise<string> {
    const service = createPostmortemRenderer({
      store: h.store,
      policy: DEFAULT_POLICY,
      clock: h.clock,
      chat: slackText,
    });
    let text = '';
    for await (const piece of await service.render(incidentId, format)) text += piece;
    return text;
  }

  it('NULs, C1 controls and bidi controls in an alert are dropped on the way in: declared, and clean everywhere it goes', async () => {
    expect((await sendWithToken(h, 'alertmanager', hostileGroup(), AM_TOKEN)).status).toBe(202);
    const incident = await h.commander.incidents.get(1);
    expect(incident).toMatchObject({
      title: 'HighRequestLatency on checkout',
      severity: 'SEV1',
      impact: 'p99 latency of checkout is above 2s',
    });
    expect(await h.commander.incidents.get(2)).toBeUndefined();

    const texts = await storedTexts();
    expect(texts.filter(unsafeIn)).toEqual([]);
    expect(texts.join('\n')).toContain('Alert firing: HighRequestLatency');
    const bodies = receiver.requests.map((r) => r.body);
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.filter(unsafeIn)).toEqual([]);
    const markdown = await rendered(1, 'md');
    expect(markdown).toContain('HighRequestLatency on checkout');
    expect(unsafeIn(markdown)).toBe(false);
    expect(unsafeIn(await rendered(1, 'json'))).toBe(false);
    const posted = JSON.stringify(h.fake.messages(incident!.channelId!));
    expect(unsafeIn(posted)).toBe(false);
  });

  it('a generic alert with a NUL in its title is declared without it', async () => {
    const response = await sendGeneric(
      h,
      { title: `Deploy${NUL} failed${RLO}`, description: `Rollout${NUL} stuck`, dedupKey: `deploy${NUL}-42` },
      SECRET,
    );
    expect(response.status).toBe(202);
    expect(await h.commander.incidents.get(1)).toMatchObject({ title: 'Deploy failed', impact: 'Rollout stuck' });
    expect((await storedTexts()).filter(unsafeIn)).toEqual([]);
  });

  it('a title of nothing but controls is refused with a sentence', async () => {
    const response = await sendGeneric(h, { title: `${RLO}${NUL}${LRI}`, dedupKey: 'x' }, SECRET);
    expect(response).toEqual({ status: 400, json: { ok: false, error: 'title: title is empty' } });
    expect(await h.commander.incidents.get(1)).toBeUndefined();
  });
});

describe('alert labels and titles', () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  let logLines: string[];
  beforeEach(async () => {
    receiver = await WebhookReceiver.start(HOOK_SECRET);
    logLines = [];
    h = await startHarness({ policy: policy(receiver.url), logLines });
  });
  afterEach(async () => {
    await h?.stop();
    await receiver?.stop();
  });

  const notes = async (incidentId: number) =>
    (await storedEntries(h.store, { incidentId, kind: 'alert_severity_unknown' })).map(storedLine);
  /** The outcome of each processed notification, as the app logged it once it was stored with it. */
  const outcomes = () =>
    logLines
      .map((line) => JSON.parse(line))
      .filter((l) => l.msg === 'alert notification processed')
      .map((l) => l.outcome);

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'a severity label "%s" declares at the default severity with a note',
    async (label) => {
      expect((await sendGeneric(h, { title: 'Odd severity', severity: label, dedupKey: label }, SECRET)).status).toBe(
        202,
      );
      expect(await h.commander.incidents.get(1)).toMatchObject({ title: 'Odd severity', severity: 'SEV3' });
      expect(await notes(1)).toEqual([`Severity label "${label}" is not known; declared as SEV3`]);
      expect(await h.store.alerts.pendingCount()).toBe(0);
      expect(outcomes()).toEqual(['declared']);
    },
  );

  it('a title template naming a label the alert lacks, such as {{constructor}}, leaves it empty', async () => {
    await h.stop();
    h = await startHarness({
      policy: {
        ...policy(receiver.url),
        alerts: {
          ...policy(receiver.url).alerts,
          routes: [{ match: {}, action: 'declare', title: '{{alertname}} {{constructor}}{{toString}}' }],
        },
      },
    });
    await sendWithToken(h, 'alertmanager', fixture('alertmanager-firing.json'), AM_TOKEN);
    expect((await h.commander.incidents.get(1))?.title).toBe('HighRequestLatency');
  });

  /** A group whose templated title runs past 150 characters with `tail` where it is cut. */
  const longTitled = (service: string, key: string) => {
    const base = fixture('alertmanager-firing.json');
    return { ...base, groupKey: key, commonLabels: { ...(base.commonLabels as object), service } };
  };
  const HEAD = 'HighRequestLatency on ';

  it('a title cut at 150 characters never splits an emoji or a flag', async () => {
    // HEAD is 22 long: the fire emoji takes units 149-150, the flag (two code points) 147-150.
    await sendWithToken(h, 'alertmanager', longTitled(`${'a'.repeat(127)}🔥 and more`, 'g1'), AM_TOKEN);
    await sendWithToken(h, 'alertmanager', longTitled(`${'b'.repeat(125)}🇬🇧 and more`, 'g2'), AM_TOKEN);
    const titles = (await storedIncidents(h.store)).map((i) => i.title);
    expect(titles).toEqual([`${HEAD}${'a'.repeat(127)}`, `${HEAD}${'b'.repeat(125)}`]);
    expect(receiver.requests.map((r) => r.event.incident.title)).toEqual(expect.arrayContaining(titles));
  });

  it('a description cut to the impact and a long unknown severity label keep their emoji whole', async () => {
    const description = `${'d'.repeat(999)}🔥`;
    const label = `${'s'.repeat(99)}🔥`;
    await sendGeneric(h, { title: 'Cut', labels: { severity: label }, description, dedupKey: 'cut' }, SECRET);
    const incident = await h.commander.incidents.get(1);
    expect(incident?.impact).toBe('d'.repeat(999));
    const [note] = await storedEntries(h.store, { incidentId: 1, kind: 'alert_severity_unknown' });
    expect(note?.kind === 'alert_severity_unknown' && note.data.label).toBe('s'.repeat(99));
  });
});
