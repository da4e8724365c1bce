import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident, messageContaining, openedView } from './flows';

// The harness clock starts on Tuesday 2026-11-24 09:00 UTC: in the platform rotation (weekly
// from 2026-11-02) that is Alice's shift as primary, with Bob as secondary.
const MIN = 60_000;
const MANAGER = 'UMANAGER01';
const LEADERS = 'S0LEADERS1';
const [SEV1, SEV2, ...rest] = DEFAULT_POLICY_INPUT.severities;

/** The built-in ladders and clocks (runbook 002), with the people an operator fills in. Missed updates do not climb here. */
const LADDERS = {
  oncall: [{ name: 'platform', users: [PEOPLE.alice, PEOPLE.bob, PEOPLE.carol], start: '2026-11-02' }],
  severities: [
    {
      ...SEV1,
      escalateAfterMissed: null,
      escalation: [
        { after: '15m', unless: 'acknowledged', notify: { oncall: 'platform.secondary' } },
        { name: 'on-call manager', after: '30m', unless: 'mitigated', notify: { users: [MANAGER] } },
        { name: 'leadership', after: '60m', unless: 'resolved', notify: { usergroup: LEADERS } },
      ],
    },
    {
      ...SEV2,
      escalateAfterMissed: null,
      escalation: [
        { after: '1h', unless: 'acknowledged', notify: { oncall: 'platform.secondary' } },
        { name: 'on-call manager', after: '2h', unless: 'mitigated', notify: { users: [MANAGER] } },
      ],
    },
    ...rest,
  ],
};

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ policy: LADDERS });
  h.fake.addUser({ id: MANAGER, name: 'manager', tz: 'UTC' });
});
afterEach(async () => h.stop());

function dmsTo(userId: string) {
  const dm = h.fake.okCalls('conversations.open').find((c) => c.args.users === userId)?.response.channel.id;
  return dm ? h.fake.messages(dm) : [];
}
const dmsWith = (userId: string, needle: string) =>
  dmsTo(userId).filter((m) => `${m.text} ${JSON.stringify(m.blocks ?? [])}`.includes(needle));

/** The ladder levels called in so far, in order, as "step:trigger". */
const escalations = (incidentId: number) =>
  (
    h.commander.db
      .prepare("SELECT data FROM timeline WHERE kind = 'escalated' AND incident_id = ? ORDER BY at, id")
      .pluck()
      .all(incidentId) as string[]
  )
    .map((d) => JSON.parse(d))
    .map((d) => `${d.step ?? d.users.join(',')}:${d.trigger}`);

const kinds = (incidentId: number) =>
  h.commander.db.prepare('SELECT kind FROM timeline WHERE incident_id = ? ORDER BY at, id').pluck().all(incidentId);

/** Moves the clock to `minutes` after the declaration and runs the jobs. */
let declaredAt = 0;
async function at(minutes: number) {
  h.clock.set(declaredAt + minutes * MIN);
  await h.tick();
}

/** Carol declares; Alice, the primary, is commander (not herself: not acknowledged). */
async function declare(severity = 'SEV1', commander: string = PEOPLE.alice) {
  declaredAt = h.clock.now();
  const incident = await declareIncident(h, h.user(PEOPLE.carol), { title: 'Checkout down', severity, commander });
  await h.tick();
  return incident;
}

async function postStatus(channelId: string, status: string) {
  await h.user(PEOPLE.alice).command('update', channelId);
  await h.user(PEOPLE.alice).submit(openedView(h, 'post_update'), { status, summary: `Now ${status}` });
}

async function acknowledgeFromDm(userId: string) {
  const [request] = dmsWith(userId, 'incident_acknowledge');
  if (!request) throw new Error(`no DM with an Acknowledge button reached ${userId}`);
  await h.user(userId).click(request, 'incident_acknowledge');
}

describe('acknowledgement', () => {
  it('the commander is asked by DM at once, again after acknowledgeWithin with a channel note; Acknowledge records it', async () => {
    const incident = await declare();
    const [request] = dmsWith(PEOPLE.alice, 'incident_acknowledge');
    expect(JSON.stringify(request?.blocks)).toContain('You are the incident commander');
    expect(JSON.stringify(request?.blocks)).toContain(`<#${incident.channelId}>`);
    expect(JSON.stringify(request?.blocks)).toContain('reminder_open_channel');

    await at(4.99);
    expect(dmsWith(PEOPLE.alice, 'incident_acknowledge')).toHaveLength(1);
    await at(5);
    expect(dmsWith(PEOPLE.alice, 'Not acknowledged yet')).toHaveLength(1);
    expect(messageContaining(h, incident.channelId, 'has not acknowledged this incident within 5m')).toBeDefined();
    await at(6);
    expect(dmsWith(PEOPLE.alice, 'incident_acknowledge')).toHaveLength(2);

    await acknowledgeFromDm(PEOPLE.alice);
    await acknowledgeFromDm(PEOPLE.alice);
    expect(JSON.stringify(h.fake.responses().at(-1)?.body.blocks)).toContain(`Acknowledged by <@${PEOPLE.alice}>`);
    expect(kinds(incident.incidentId).filter((k) => k === 'acknowledged')).toHaveLength(1);
    expect(kinds(incident.incidentId)).toContain('acknowledgement_overdue');
    expect(h.commander.incidents.get(incident.incidentId)?.acknowledgedAt).toBe(declaredAt + 6 * MIN);
  });

  it('acknowledging in time stops the second DM; declaring with yourself as commander counts as acknowledged', async () => {
    const asked = await declare();
    await acknowledgeFromDm(PEOPLE.alice);
    await at(5);
    expect(dmsWith(PEOPLE.alice, 'Not acknowledged yet')).toHaveLength(0);
    expect(kinds(asked.incidentId)).not.toContain('acknowledgement_overdue');

    const own = await declare('SEV1', PEOPLE.carol);
    expect(dmsWith(PEOPLE.carol, 'incident_acknowledge')).toHaveLength(0);
    expect(h.commander.incidents.get(own.incidentId)?.acknowledgedAt).toBe(declaredAt);
    expect(kinds(own.incidentId)).toContain('acknowledged');
  });

  it('a new commander is asked in turn', async () => {
    const incident = await declare();
    await acknowledgeFromDm(PEOPLE.alice);
    await h.user(PEOPLE.alice).command(`assign commander <@${PEOPLE.carol}|carol>`, incident.channelId);
    await at(1);
    expect(dmsWith(PEOPLE.carol, 'You are the incident commander')).toHaveLength(1);
  });
});

describe('the ladder on the clock', () => {
  it('SEV1 not acknowledged: the secondary at 15m, the manager at 30m, leadership at 60m, each once, with a briefing', async () => {
    const incident = await declare();
    await at(14.9);
    expect(escalations(incident.incidentId)).toEqual([]);
    await at(15);
    expect(escalations(incident.incidentId)).toEqual(['1:time']);
    const [briefing] = dmsWith(PEOPLE.bob, 'You are on call as backup and are being called in');
    const text = JSON.stringify(briefing?.blocks);
    for (const part of [
      'level 1 (on-call platform.secondary): not acknowledged 15m after the declaration',
      'SEV1 · Critical',
      'Investigating',
      'Customers see errors at checkout',
      '*Last update:* none yet',
      `*Commander:* <@${PEOPLE.alice}>`,
      '*Open for:* 15m',
      'Join channel',
      'incident_acknowledge',
    ])
      expect(text).toContain(part);
    expect(h.fake.channel(incident.channelId)?.members.has(PEOPLE.bob)).toBe(true);
    expect(JSON.stringify(messageContaining(h, incident.channelId, 'Escalated')?.blocks)).toContain(
      `Escalated* to the on-call backup <@${PEOPLE.bob}>: level 1`,
    );

    await at(29.9);
    expect(dmsTo(MANAGER)).toHaveLength(0);
    await at(30);
    expect(dmsWith(MANAGER, 'not mitigated 30m after the declaration')).toHaveLength(1);
    await at(60);
    expect(JSON.stringify(messageContaining(h, incident.channelId, LEADERS)?.blocks)).toContain(
      `<!subteam^${LEADERS}>: level 3 (leadership): not resolved 1h after the declaration`,
    );
    await at(120);
    expect(escalations(incident.incidentId)).toEqual(['1:time', '2:time', '3:time']);
    expect(dmsWith(PEOPLE.bob, 'being called in')).toHaveLength(1);
  });

  it('SEV1 acknowledged: no secondary; the manager at 30m (not mitigated), leadership at 60m', async () => {
    const incident = await declare();
    await acknowledgeFromDm(PEOPLE.alice);
    await at(60);
    expect(escalations(incident.incidentId)).toEqual(['2:time', '3:time']);
    expect(dmsWith(PEOPLE.bob, 'being called in')).toHaveLength(0);
  });

  it('SEV1 mitigated (not acknowledged): the secondary at 15m, no manager, leadership at 60m', async () => {
    const incident = await declare();
    await at(15);
    await postStatus(incident.channelId, 'mitigating');
    await at(60);
    expect(escalations(incident.incidentId)).toEqual(['1:time', '3:time']);
    expect(dmsTo(MANAGER)).toHaveLength(0);
  });

  it('SEV1 acknowledged and mitigated: leadership only, at 60m; Monitoring counts as mitigated', async () => {
    const incident = await declare();
    await acknowledgeFromDm(PEOPLE.alice);
    await postStatus(incident.channelId, 'monitoring');
    await at(59);
    expect(escalations(incident.incidentId)).toEqual([]);
    await at(60);
    expect(escalations(incident.incidentId)).toEqual(['3:time']);
  });

  it('SEV1 resolved before a level’s time: nothing more fires', async () => {
    const incident = await declare();
    await at(20);
    await h.user(PEOPLE.alice).command('resolve', incident.channelId);
    await h.user(PEOPLE.alice).submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' });
    await at(120);
    expect(escalations(incident.incidentId)).toEqual(['1:time']);
  });

  it('SEV2 not acknowledged: the secondary at 1h and the manager at 2h', async () => {
    const incident = await declare('SEV2');
    await at(59);
    expect(escalations(incident.incidentId)).toEqual([]);
    await at(60);
    expect(escalations(incident.incidentId)).toEqual(['1:time']);
    await at(119);
    await at(120);
    expect(escalations(incident.incidentId)).toEqual(['1:time', '2:time']);
  });

  it('SEV2 acknowledged: no secondary; the manager at 2h unless mitigated', async () => {
    const acknowledged = await declare('SEV2');
    await acknowledgeFromDm(PEOPLE.alice);
    await at(120);
    expect(escalations(acknowledged.incidentId)).toEqual(['2:time']);

    const mitigated = await declare('SEV2', PEOPLE.carol);
    await h.user(PEOPLE.carol).command('update', mitigated.channelId);
    await h.user(PEOPLE.carol).submit(openedView(h, 'post_update'), { status: 'mitigating', summary: 'Failing over' });
    await at(180);
    expect(escalations(mitigated.incidentId)).toEqual([]);
  });

  it('after a restart, two levels that fell due while Commander was down fire once each, in order', async () => {
    const incident = await declare();
    await h.commander.stop();
    h.clock.set(declaredAt + 35 * MIN);
    await h.restart();
    await h.tick();
    await h.tick();
    expect(escalations(incident.incidentId)).toEqual(['1:time', '2:time']);
    expect(dmsWith(PEOPLE.bob, 'being called in')).toHaveLength(1);
    expect(dmsWith(MANAGER, 'being called in')).toHaveLength(1);
    const notes = h.fake.messages(incident.channelId).filter((m) => JSON.stringify(m.blocks).includes('Escalated'));
    expect(notes.map((m) => JSON.stringify(m.blocks).match(/level \d/)?.[0])).toEqual(['level 1', 'level 2']);
  });
});

describe('the ladder by missed updates, by severity changes, and at start-up', () => {
  it('missed updates climb the same ladder one level at a time; a level they fired does not fire again at its time', async () => {
    await h.stop();
    const quick = { ...LADDERS.severities[0], updateEvery: '5m', escalateAfterMissed: 2 };
    h = await startHarness({
      policy: {
        ...LADDERS,
        reminders: { repeatAfter: '1m', snoozeFor: '2m', checkEvery: '5s' },
        severities: [quick, ...rest],
      },
    });
    h.fake.addUser({ id: MANAGER, name: 'manager', tz: 'UTC' });
    const incident = await declare();
    for (const minute of [5, 6, 7]) await at(minute);
    expect(escalations(incident.incidentId)).toEqual(['1:missed_updates']);
    expect(dmsWith(PEOPLE.bob, '2 reminders to <@UALICE0001> unanswered')).toHaveLength(1);
    for (const minute of [8, 9]) await at(minute);
    expect(escalations(incident.incidentId)).toEqual(['1:missed_updates', '2:missed_updates']);
    await at(15);
    await postStatus(incident.channelId, 'identified'); // a new streak, answered in time from here on
    await at(30);
    expect(escalations(incident.incidentId)).toEqual(['1:missed_updates', '2:missed_updates']);
    await at(60);
    expect(escalations(incident.incidentId)).toEqual(['1:missed_updates', '2:missed_updates', '3:time']);
  });

  it('a new severity brings its own ladder, counted from the declaration', async () => {
    const incident = await declare('SEV2');
    await at(10);
    await h.user(PEOPLE.alice).command('severity SEV1 spreading', incident.channelId);
    await at(15);
    expect(escalations(incident.incidentId)).toEqual(['1:time']);
    for (const minute of [30, 60, 120, 180]) await at(minute);
    expect(escalations(incident.incidentId)).toEqual(['1:time', '2:time', '3:time']);
  });

  it('warns once per level at start-up when a level has nobody to call in', async () => {
    const logLines: string[] = [];
    const other = await startHarness({ logLines, fake: h.fake });
    await other.stop();
    const warned = logLines
      .map((line) => JSON.parse(line))
      .filter((l) => l.msg === 'escalation level has nobody configured to call in; it will be skipped');
    expect(warned.map((l) => `${l.severity}/${l.level}`)).toEqual(['SEV1/1', 'SEV1/2', 'SEV1/3', 'SEV2/1', 'SEV2/2']);
  });

  it('Acknowledge is refused to people who may not change the incident', async () => {
    const incident = await declare();
    h.fake.addUser({ id: 'UMALLORY01', name: 'mallory', tz: 'UTC' });
    const [request] = dmsWith(PEOPLE.alice, 'incident_acknowledge');
    await h.user('UMALLORY01').click(request!, 'incident_acknowledge');
    expect(h.commander.incidents.get(incident.incidentId)?.acknowledgedAt).toBeNull();
    expect(kinds(incident.incidentId)).not.toContain('acknowledged');
  });
});

describe('the next escalation', () => {
  it('/incident status and the pinned summary show the next level and when it fires', async () => {
    const incident = await declare();
    const fifteen = `<!date^${(declaredAt + 15 * MIN) / 1000}^{time}`;
    const pinned = () =>
      JSON.stringify(h.fake.messages(incident.channelId).find((m) => m.text.includes('SEV1 incident'))?.blocks);
    expect(pinned()).toContain(`Next escalation: level 1 (on-call platform.secondary) ${fifteen}`);
    const reply = await h.user(PEOPLE.alice).command('status', incident.channelId);
    expect(JSON.stringify(reply.json.blocks)).toContain(
      `*Next escalation*\\nlevel 1 (on-call platform.secondary) ${fifteen}`,
    );
    expect(JSON.stringify(reply.json.blocks)).toContain('unless acknowledged');

    await acknowledgeFromDm(PEOPLE.alice);
    const thirty = `<!date^${(declaredAt + 30 * MIN) / 1000}^{time}`;
    expect(pinned()).toContain(`Next escalation: level 2 (on-call manager) ${thirty}`);
    await at(30);
    expect(pinned()).toContain('Next escalation: level 3 (leadership)');
    await at(60);
    const after = await h.user(PEOPLE.alice).command('status', incident.channelId);
    expect(JSON.stringify(after.json.blocks)).toContain('None on the clock');
  });
});

describe('/incident escalate', () => {
  it('without an argument calls in the next level at once, which then counts as fired', async () => {
    const incident = await declare();
    await at(2);
    await h.user(PEOPLE.alice).command('escalate need a second pair of eyes', incident.channelId);
    expect(h.fake.responses().at(-1)?.body.text).toContain(
      `Called in level 1 (on-call platform.secondary): <@${PEOPLE.bob}>`,
    );
    expect(dmsWith(PEOPLE.bob, `<@${PEOPLE.alice}> escalated (need a second pair of eyes)`)).toHaveLength(1);
    await at(15);
    expect(escalations(incident.incidentId)).toEqual(['1:manual']);
    await h.user(PEOPLE.alice).command('escalate', incident.channelId);
    expect(escalations(incident.incidentId)).toEqual(['1:manual', '2:manual']);
    await at(30);
    expect(dmsWith(MANAGER, 'being called in')).toHaveLength(1);
    expect(kinds(incident.incidentId).filter((k) => k === 'escalated')).toHaveLength(2);
  });

  it('with a person or a level calls in that person or level, with the same briefing', async () => {
    const incident = await declare();
    await h.user(PEOPLE.alice).command(`escalate <@${PEOPLE.carol}|carol> knows the payments code`, incident.channelId);
    const [briefing] = dmsWith(PEOPLE.carol, 'You are being called in');
    expect(JSON.stringify(briefing?.blocks)).toContain(
      'a call by name: <@UALICE0001> escalated (knows the payments code)',
    );
    expect(JSON.stringify(briefing?.blocks)).toContain('*Open for:*');
    await h.user(PEOPLE.alice).command('escalate 3', incident.channelId);
    expect(messageContaining(h, incident.channelId, `<!subteam^${LEADERS}>`)).toBeDefined();
    expect(escalations(incident.incidentId)).toEqual([`${PEOPLE.carol}:manual`, '3:manual']);
    await h.user(PEOPLE.alice).command('escalate 7', incident.channelId);
    expect(h.fake.responses().at(-1)?.body.text).toContain(
      'SEV1 has no level 7. Its levels: 1 (on-call platform.secondary)',
    );
  });

  it('is refused to people who may not change the incident', async () => {
    const incident = await declare();
    h.fake.addUser({ id: 'UMALLORY01', name: 'mallory', tz: 'UTC' });
    const reply = await h.user('UMALLORY01').command('escalate', incident.channelId);
    expect(reply.json.text).toMatch(/^Only members of/);
    expect(escalations(incident.incidentId)).toEqual([]);
  });
});

describe('the comms timer', () => {
  it('reminds the commander once, in the channel and by DM, if nobody holds the comms role commsWithin in', async () => {
    const incident = await declare();
    await at(29);
    expect(dmsWith(PEOPLE.alice, 'Communications lead')).toHaveLength(0);
    await at(30);
    expect(dmsWith(PEOPLE.alice, 'Communications lead')).toHaveLength(1);
    expect(messageContaining(h, incident.channelId, 'nobody is the *Communications lead* yet')).toBeDefined();
    await at(90);
    expect(dmsWith(PEOPLE.alice, 'Communications lead')).toHaveLength(1);
    expect(kinds(incident.incidentId).filter((k) => k === 'comms_reminder')).toHaveLength(1);
  });

  it('says nothing when someone holds the role in time', async () => {
    const incident = await declare();
    await h.user(PEOPLE.alice).command(`assign comms <@${PEOPLE.carol}|carol>`, incident.channelId);
    await at(30);
    expect(messageContaining(h, incident.channelId, 'nobody is the')).toBeUndefined();
    expect(kinds(incident.incidentId)).not.toContain('comms_reminder');
  });
});
