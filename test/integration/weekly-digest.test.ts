import { findSeverity, parsePolicy } from '../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { formatDuration } from '../../src/config/duration';
import type { Incident } from '../../src/incidents/incident.types';
import { createPostmortemRenderer, joined } from '../../src/postmortem/postmortem.service';
import { POSTMORTEM_STEPS, postmortemRequired, stepDeadlines } from '../../src/postmortem/requirement';
import { slackText } from '../../src/slack/text/slack-text';
import { APP_ENGINES, appDatabase, forceRows } from '../support/app-engines';
import { ANNOUNCE_CHANNEL, type Harness, PEOPLE, startHarness } from '../support/harness';
import { type Exported, medianOf, updatesOnTime } from '../support/exported';
import { ManualClock } from '../support/manual-clock';
import { declareIncident, openedView } from './flows';

// The harness clock starts on Tuesday 2026-11-24 09:00 UTC (the policy's zone); the digest is due
// on Monday 2026-11-30 at 09:00 and covers the week from Monday 2026-11-23 09:00.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DIGEST_AT = Date.UTC(2026, 10, 30, 9, 0);
const WEEK_FROM = Date.UTC(2026, 10, 23, 9, 0);
const WEEK = 7 * 24 * HOUR;

const policy = parsePolicy({ ...DEFAULT_POLICY_INPUT, announcementChannel: ANNOUNCE_CHANNEL });

/** The digest's figures worked out again from the incidents' JSON exports alone. */
function expectedDigest(exports: Exported[]) {
  const counted = exports.filter((x) => x.incident.type !== 'drill' && !x.incident.isPrivate);
  const week = counted.filter((x) => {
    const at = Date.parse(x.incident.declaredAt);
    return at >= WEEK_FROM && at < DIGEST_AT;
  });
  const bySeverity = policy.severities.map((s) => [s.id, week.filter((x) => x.incident.severity === s.id).length]);
  const resolve = week.flatMap((x) => (x.keyTimes.timeToResolve === null ? [] : [x.keyTimes.timeToResolve]));
  const median = medianOf(resolve);
  const { updates, onTime } = updatesOnTime(week, policy);
  const overdue = counted.flatMap((x) =>
    x.followups.filter((f) => f.doneAt === null && f.dueAt !== null && f.dueAt < DIGEST_AT),
  );
  const postmortemsDue = counted.flatMap((x) => {
    if (x.incident.resolvedAt === null) return [];
    const incident = {
      ...x.incident,
      declaredAt: Date.parse(x.incident.declaredAt),
      resolvedAt: Date.parse(x.incident.resolvedAt),
    } as Incident;
    if (!postmortemRequired(policy, incident)) return [];
    const due = stepDeadlines(policy, incident.resolvedAt as number);
    const done = new Set(x.timeline.filter((t) => t.kind === 'postmortem_step_done').map((t) => t.data.step));
    const open = POSTMORTEM_STEPS.filter((s) => !done.has(s)).map((s) => due[s]);
    return open.length > 0 && Math.min(...open) < DIGEST_AT + WEEK ? [incident.id] : [];
  });
  return {
    bySeverity,
    declared: week.length,
    resolved: resolve.length,
    median,
    updates,
    onTime,
    overdue,
    postmortemsDue,
  };
}

describe.each(APP_ENGINES)('the weekly digest (%s)', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  afterEach(async () => h.stop());

  const digests = () =>
    h.fake.messages(ANNOUNCE_CHANNEL).filter((m) => JSON.stringify(m.blocks ?? []).includes('Weekly incident digest'));
  const sections = (m: ReturnType<typeof digests>[number]) =>
    (m.blocks as Array<{ type: string; text?: { text: string } }>).flatMap((b) => (b.text ? [b.text.text] : []));

  async function update(channelId: string, after: number, status = 'identified') {
    h.clock.advance(after);
    await h.user(PEOPLE.bob).command('update', channelId);
    await h.user(PEOPLE.bob).submit(openedView(h, 'post_update'), { status, summary: `Still on it (${status})` });
  }
  async function resolve(channelId: string, after: number) {
    h.clock.advance(after);
    await h.user(PEOPLE.bob).command('resolve', channelId);
    await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), { resolution: 'Fixed' });
  }
  const declare = (title: string, o: { severity?: string; type?: string } = {}) =>
    declareIncident(h, h.user(PEOPLE.alice), { title, commander: PEOPLE.bob, ...o });

  /** A week of incidents through the app: two resolved, one open, a drill and a private one. */
  async function week() {
    const payments = await declare('Card payments failing');
    await update(payments.channelId, 10 * MINUTE);
    await update(payments.channelId, 30 * MINUTE); // 15m cadence: late
    await h
      .user(PEOPLE.bob)
      .command(`followup Rotate the webhook certificate <@${PEOPLE.carol}|carol> in 2d`, payments.channelId);
    await resolve(payments.channelId, 50 * MINUTE);

    h.clock.set(Date.UTC(2026, 10, 25, 10, 0));
    const search = await declare('Search is slow', { severity: 'SEV2' });
    await update(search.channelId, 20 * MINUTE);
    await update(search.channelId, 25 * MINUTE, 'monitoring');
    await resolve(search.channelId, 3 * HOUR); // over 2h: its postmortem is required too
    await h.user(PEOPLE.bob).command('followup Add a search latency alert in 1d', search.channelId);

    h.clock.set(Date.UTC(2026, 10, 26, 10, 0));
    const drill = await declare('Database failover', { type: 'drill' });
    await update(drill.channelId, 50 * MINUTE);
    await h.user(PEOPLE.bob).command(`followup Practise the failover <@${PEOPLE.alice}|alice> in 1d`, drill.channelId);
    await resolve(drill.channelId, 2 * HOUR);

    h.clock.set(Date.UTC(2026, 10, 26, 14, 0));
    const secret = await declare('Leaked API key', { type: 'security' });
    await h.user(PEOPLE.bob).command(`followup Revoke the key <@${PEOPLE.carol}|carol> in 1d`, secret.channelId);
    await resolve(secret.channelId, HOUR);

    h.clock.set(Date.UTC(2026, 10, 27, 16, 0));
    await declare('Slow emails', { severity: 'SEV3' });
  }

  it('crossing Monday 09:00 posts one digest whose figures equal those worked out from the export, drills and private incidents left out; nothing more after another tick or a restart', async () => {
    h = await startHarness(await database.options());
    await week();
    h.clock.set(DIGEST_AT - MINUTE);
    await h.tick();
    expect(digests()).toHaveLength(0);

    h.clock.set(DIGEST_AT + MINUTE);
    await h.tick();
    expect(digests()).toHaveLength(1);

    const exporter = createPostmortemRenderer({
      store: h.store,
      policy,
      clock: new ManualClock(DIGEST_AT),
      chat: slackText,
    });
    const exports: Exported[] = [];
    for (let id = 1; id <= 5; id++) exports.push(JSON.parse(await joined(await exporter.render(id, 'json'))));
    const x = expectedDigest(exports);
    // The figures are not trivial: a median of two, updates late and on time, a drill and a private incident to leave out.
    expect(x).toMatchObject({ declared: 3, resolved: 2 });
    expect(x.updates).toBeGreaterThan(3);
    expect(x.onTime).toBeGreaterThan(0);
    expect(x.onTime).toBeLessThan(x.updates);
    expect(x.overdue).toHaveLength(2);
    expect(x.postmortemsDue).toEqual([1, 2]);

    const [header, week_, incidents, resolve_, updates, followups, postmortems] = sections(digests()[0]!);
    expect(header).toBe('Weekly incident digest');
    expect(week_).toContain('The week from');
    expect(incidents).toBe(
      [
        `*Incidents declared: ${x.declared}*`,
        ...x.bySeverity.map(([id, n]) => `${id} · ${findSeverity(policy, id as string)!.name}: ${n}`),
      ].join('\n'),
    );
    expect(resolve_).toBe(`*Median time to resolve:* ${formatDuration(x.median!)} (median of ${x.resolved} resolved)`);
    expect(x.median! % 1000).toBe(0); // so the words show the whole median
    const share = Math.round((x.onTime * 1000) / x.updates) / 10;
    expect(updates).toBe(`*Status updates on time:* ${x.onTime} of ${x.updates} (${share}%)`);
    const followupLines = followups!.split('\n').slice(1);
    expect(followupLines).toHaveLength(x.overdue.length);
    for (const [i, f] of x.overdue.entries()) {
      expect(followupLines[i]).toContain(f.text);
      expect(followupLines[i]).toContain(f.ownerId ? `<@${f.ownerId}>` : 'no owner');
    }
    const postmortemLines = postmortems!.split('\n').slice(1);
    expect(postmortemLines.map((l) => Number(/^• #(\d+) /.exec(l)?.[1]))).toEqual(x.postmortemsDue);
    const all = JSON.stringify(digests()[0]!.blocks);
    expect(all).not.toContain('Database failover');
    expect(all).not.toContain('Practise the failover');
    expect(all).not.toContain('Leaked API key');
    expect(all).not.toContain('Revoke the key');

    await h.tick();
    await h.restart();
    await h.tick();
    expect(digests()).toHaveLength(1);
  }, 120_000);

  it('a replica taking over a digest another posted but never marked finds the post and posts nothing again', async () => {
    h = await startHarness(await database.options());
    h.clock.set(DIGEST_AT + MINUTE);
    await h.tick();
    expect(digests()).toHaveLength(1);
    // As a replica that crashed after posting would leave it: still due, leased by it, the lease expired.
    await forceRows(
      h,
      'UPDATE weekly_digests SET due_at = at, posted_at = NULL, lease_owner = ?, lease_until = ?',
      'crashed-replica',
      h.clock.now() - 1,
    );
    await h.tick();
    expect(digests()).toHaveLength(1);
  });

  it('posts at the weekday and time the policy names, nothing when Commander comes back more than six hours late, and nothing with digest: false', async () => {
    h = await startHarness({ ...(await database.options()), policy: { digest: { weekday: 'friday', time: '16:30' } } });
    h.clock.set(Date.UTC(2026, 10, 27, 16, 29));
    await h.tick();
    expect(digests()).toHaveLength(0);
    h.clock.set(Date.UTC(2026, 10, 27, 16, 30));
    await h.tick();
    expect(digests()).toHaveLength(1);
    // Down over the next Friday's digest time until the evening: that one is not posted late.
    h.clock.set(Date.UTC(2026, 11, 4, 23, 0));
    await h.restart();
    await h.tick();
    expect(digests()).toHaveLength(1);
    await h.stop();

    h = await startHarness({ ...(await database.options()), policy: { digest: false } });
    h.clock.set(DIGEST_AT + MINUTE);
    await h.tick();
    expect(digests()).toHaveLength(0);
  });
});
