import type { Incident } from '../../src/incidents/incident.types';
import { createPostmortemRenderer, joined } from '../../src/postmortem/postmortem.service';
import { POSTMORTEM_STEPS, postmortemRequired, stepDeadlines } from '../../src/postmortem/requirement';
import { slackText } from '../../src/slack/text/slack-text';
import type { Tx } from '../../src/store';
import { ADMIN, consolePages, consolePolicy, csvRows } from '../support/console-pages';
import { type Exported, medianOf, updatesOnTime } from '../support/exported';
import { seedHistory } from '../support/incident-history';
import { ManualClock } from '../support/manual-clock';
import { STORE_ENGINES } from '../support/store-engines';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 5, 30, 12, 0);
const START = NOW - 500 * 5 * HOUR - 24 * HOUR;
const COUNT = 500;

const p90Of = (v: number[]) => (v.length === 0 ? null : [...v].sort((a, b) => a - b)[Math.ceil(v.length * 0.9) - 1]!);
const cell = (v: number | string | null) => (v === null ? '' : String(v));
const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;

/** Every chart's rows worked out again from the exports alone. */
function expectedRows(exports: Exported[], policy: ReturnType<typeof consolePolicy>) {
  const groups = new Map<string, Exported[]>();
  for (const x of exports) {
    if (x.incident.type === 'drill') continue;
    const key = `${x.incident.declaredAt.slice(0, 7)},${x.incident.severity}`;
    groups.set(key, [...(groups.get(key) ?? []), x]);
  }
  const order = (s: string) => policy.severities.findIndex((v) => v.id === s);
  const keys = [...groups.keys()].sort((a, b) => {
    const [pa, sa] = a.split(',') as [string, string];
    const [pb, sb] = b.split(',') as [string, string];
    return pa.localeCompare(pb) || order(sa) - order(sb);
  });
  const rows: Record<string, string[][]> = {};
  const add = (chart: string, key: string, values: Array<number | null>) => {
    rows[chart] = [...(rows[chart] ?? []), [...key.split(','), ...values.map(cell)]];
  };
  for (const key of keys) {
    const xs = groups.get(key)!;
    add('declared', key, [xs.length]);
    for (const [chart, field] of [
      ['acknowledge', 'timeToAcknowledge'],
      ['mitigate', 'timeToMitigate'],
      ['resolve', 'timeToResolve'],
    ] as const) {
      const v = xs.map((x) => x.keyTimes[field]).filter((d): d is number => d !== null);
      add(chart, key, [v.length, medianOf(v), p90Of(v)]);
    }
    const { updates, onTime } = updatesOnTime(xs, policy);
    add('updates', key, [updates, onTime, updates === 0 ? null : round((onTime * 100) / updates, 1)]);
    const kinds = (x: Exported, kind: string) => x.timeline.filter((t) => t.kind === kind);
    const reminders = xs.reduce((n, x) => n + kinds(x, 'reminder_sent').length, 0);
    const escalations = xs.reduce((n, x) => n + kinds(x, 'escalated').length, 0);
    add('nudges', key, [
      xs.length,
      reminders,
      escalations,
      round(reminders / xs.length, 2),
      round(escalations / xs.length, 2),
    ]);
    const followups = xs.flatMap((x) => x.followups);
    const open = followups.filter((f) => f.doneAt === null);
    add('followups', key, [
      followups.length,
      open.length,
      open.filter((f) => f.dueAt !== null && f.dueAt < NOW).length,
    ]);
    let required = 0;
    let done = 0;
    for (const x of xs) {
      if (x.incident.resolvedAt === null) continue;
      const incident = {
        ...x.incident,
        declaredAt: Date.parse(x.incident.declaredAt),
        resolvedAt: Date.parse(x.incident.resolvedAt),
      };
      if (!postmortemRequired(policy, incident as Incident)) continue;
      required++;
      const due = stepDeadlines(policy, incident.resolvedAt);
      const first = new Map<string, number>();
      for (const t of kinds(x, 'postmortem_step_done'))
        if (!first.has(t.data.step as string)) first.set(t.data.step as string, t.at);
      if (POSTMORTEM_STEPS.every((s) => first.has(s) && first.get(s)! <= due[s])) done++;
    }
    add('postmortems', key, [required, done]);
    let dms = 0;
    let night = 0;
    for (const x of xs)
      for (const t of x.timeline) {
        const to =
          t.kind === 'reminder_sent' || t.kind === 'acknowledgement_overdue'
            ? 1
            : t.kind === 'escalated'
              ? (t.data.users as string[]).length
              : 0;
        const hour = new Date(t.at).getUTCHours(); // the policy's zone is UTC
        dms += to;
        if (hour >= 22 || hour < 8) night += to;
      }
    add('out-of-hours', key, [dms, night]);
  }
  return rows;
}

describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))('%s insights', (_name, makeEngine) => {
  const engine = makeEngine();
  let store: Tx;
  afterAll(() => engine.end());

  it('for 500 seeded incidents, every insight figure equals the one worked out from the incidents’ JSON exports', async () => {
    store = await engine.fresh();
    const policy = consolePolicy();
    const clock = new ManualClock(NOW);
    await seedHistory(store, policy, { count: COUNT, start: START, now: NOW });
    const exporter = createPostmortemRenderer({ store, policy, clock, chat: slackText });
    const exports: Exported[] = [];
    for (let id = 1; id <= COUNT; id++) exports.push(JSON.parse(await joined(await exporter.render(id, 'json'))));
    expect(exports.filter((x) => x.incident.type === 'drill').length).toBeGreaterThan(10);
    const expected = expectedRows(exports, policy);

    const pages = consolePages(store, policy, clock);
    const range = `period=month&from=${new Date(START).toISOString().slice(0, 10)}&to=${new Date(NOW).toISOString().slice(0, 10)}`;
    for (const chart of Object.keys(expected)) {
      const [header, ...rows] = csvRows(await pages.get(`/insights.csv?chart=${chart}&${range}`, ADMIN));
      expect(header?.slice(0, 2)).toEqual(['period', 'severity']);
      expect({ chart, rows }).toEqual({ chart, rows: expected[chart] });
    }
    // The figures are not trivial: some of every kind are there to compare.
    const sum = (chart: string, column: number) => expected[chart]!.reduce((n, r) => n + Number(r[column] || 0), 0);
    expect(sum('declared', 2)).toBeGreaterThan(400);
    expect(sum('updates', 3)).toBeGreaterThan(50);
    expect(sum('updates', 2) - sum('updates', 3)).toBeGreaterThan(50);
    expect(sum('postmortems', 3)).toBeGreaterThan(5);
    expect(sum('postmortems', 2) - sum('postmortems', 3)).toBeGreaterThan(5);
    expect(sum('out-of-hours', 3)).toBeGreaterThan(50);
    expect(sum('followups', 4)).toBeGreaterThan(10);
  }, 180_000);
});
