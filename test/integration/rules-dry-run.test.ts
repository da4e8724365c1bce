import { parsePolicy } from '../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import type { PlannedAction } from '../../src/rules/actions';
import { dryRun, dryRunChecklists, type Scenario } from '../../src/rules/dry-run';
import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries } from '../support/stored';

/**
 * The dry run (`npm run rules -- test`) against a live run, scenario by scenario: what the dry run
 * says would fire and do is what the app recorded and Slack was asked to do, and the checklists it
 * says would attach are those the change attached, item for item.
 */

const LEADS = 'S0PAYLEADS';
const POLICY = {
  services: [
    { id: 'payments', name: 'Payments', users: [PEOPLE.alice] },
    { id: 'search', name: 'Search' },
  ],
  rules: [
    {
      name: 'payments SEV1',
      on: 'severity_changed',
      if: { severity: 'SEV1', service: 'payments' },
      do: [
        { invite: { usergroup: LEADS } },
        { post: 'Bridge: https://meet.example.com/{{channel}}' },
        { dm: { role: 'comms', text: 'SEV1 on {{services}}: the status page is yours' } },
      ],
    },
    { name: 'major declared', on: 'declared', if: { severity: ['SEV1', 'SEV2'] }, do: [{ post: 'Major: {{title}}' }] },
    { name: 'security', on: 'declared', if: { type: 'security' }, do: [{ invite: { users: [PEOPLE.carol] } }] },
    {
      name: 'public declared',
      on: 'declared',
      if: { private: false, service: 'search' },
      do: [{ bookmark: { title: 'Search dashboard', link: 'https://grafana.example.com/d/search?i={{number}}' } }],
    },
    { name: 'identified', on: 'status_changed', do: [{ post: '{{severity}} is {{title}}: now identified' }] },
    {
      name: 'comms named',
      on: 'role_assigned',
      if: { severity: 'SEV1' },
      do: [{ dm: { role: 'commander', text: 'Comms is in' } }],
    },
    {
      name: 'payments hurt',
      on: 'service_added',
      if: { service: 'payments' },
      do: [{ invite: { service: 'payments' } }],
    },
    {
      name: 'after SEV1',
      on: 'resolved',
      if: { severity: 'SEV1' },
      do: [{ followup: { text: 'Postmortem for {{title}}', owner: 'commander', due: '2d' } }],
    },
  ],
  checklists: {
    lists: [
      {
        id: 'payments-sev1',
        title: 'Payments SEV1',
        when: { severity: 'SEV1', service: 'payments' },
        items: [
          { text: 'Check the SLO dashboard', link: 'https://grafana.example.com/d/slo' },
          { text: 'Tell Customer Success', role: 'comms', required: true },
        ],
      },
      { id: 'major', title: 'Major', when: { severity: ['SEV1', 'SEV2'] }, items: [{ text: 'Open the bridge' }] },
      {
        id: 'security',
        title: 'Security',
        when: { type: 'security', private: true },
        items: [{ text: 'Rotate the keys', role: 'commander', required: true }],
      },
      { id: 'search', title: 'Search', when: { service: 'search' }, items: [{ text: 'Check the index' }] },
      { id: 'every', title: 'Every incident', items: [{ text: 'Post the final update', role: 'commander' }] },
    ],
  },
};

type Step = 'declared' | 'severity_changed' | 'status_changed' | 'role_assigned' | 'service_added' | 'resolved';
/** An incident declared so, then the event; `from`: the severity before a severity change. */
type Case = Scenario & { event: Step; from?: string; declaredWith?: string[] };

const CASES: Case[] = [
  { event: 'severity_changed', severity: 'SEV1', services: ['payments'], from: 'SEV2' },
  { event: 'severity_changed', severity: 'SEV1', services: ['search'], from: 'SEV2' },
  { event: 'severity_changed', severity: 'SEV2', services: ['payments'], from: 'SEV3' },
  { event: 'severity_changed', severity: 'SEV1', services: ['payments', 'search'], from: 'SEV3' },
  { event: 'declared', severity: 'SEV1', services: [] },
  { event: 'declared', severity: 'SEV3', services: [] },
  { event: 'declared', severity: 'SEV3', services: [], type: 'security', isPrivate: true },
  { event: 'declared', severity: 'SEV2', services: ['search'] },
  { event: 'declared', severity: 'SEV3', services: ['search'], type: 'security', isPrivate: true },
  { event: 'status_changed', severity: 'SEV3', services: [] },
  { event: 'role_assigned', severity: 'SEV1', services: [] },
  { event: 'role_assigned', severity: 'SEV2', services: [] },
  { event: 'service_added', severity: 'SEV3', services: ['payments'], declaredWith: [] },
  { event: 'service_added', severity: 'SEV3', services: ['search'], declaredWith: ['payments'] },
  { event: 'resolved', severity: 'SEV1', services: [] },
  { event: 'resolved', severity: 'SEV3', services: ['payments'] },
  { event: 'severity_changed', severity: 'SEV2', services: ['search'], from: 'SEV3' },
  { event: 'service_added', severity: 'SEV1', services: ['payments'], declaredWith: [] },
];

/** An action by what it does and to whom, as both runs can name it (the dry run knows no incident). */
function said(a: PlannedAction): string {
  switch (a.kind) {
    case 'invite':
      return `invite ${[...a.usergroups, ...a.users].join(',')}`;
    case 'dm':
      return `dm ${a.role ?? a.users.join(',')}`;
    case 'followup':
      return `followup ${a.role ?? a.ownerId}`;
    case 'bookmark':
      return `bookmark ${a.title}`;
    default:
      return a.kind;
  }
}

const OCCURRENCE: Record<Step, string> = {
  declared: 'declared',
  severity_changed: 'severity:',
  status_changed: 'status:',
  role_assigned: 'role:',
  service_added: 'service:',
  resolved: 'resolved:',
};

describe.each(APP_ENGINES)('the dry run against a live run (%s)', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ ...(await database.options()), policy: POLICY });
    h.fake.addUsergroup(LEADS, [PEOPLE.alice]);
  });
  afterAll(async () => h.stop());

  /**
   * Declares as the case says, makes its change, and gives the incident's number and the lists it
   * held before the change (none before a declaration).
   */
  async function live(c: Case, i: number): Promise<{ incidentId: number; held: string[] }> {
    const me = PEOPLE.bob;
    const { incident } = await h.commander.incidents.declare({
      key: `case-${i}`,
      title: `Case ${i}`,
      severity: c.from ?? c.severity,
      impact: '',
      commanderId: me,
      declaredBy: me,
      services: c.declaredWith ?? c.services,
      ...(c.type ? { type: c.type } : {}),
      ...(c.isPrivate ? { isPrivate: true } : {}),
    });
    await h.commander.idle();
    const id = incident.id;
    if (c.event !== 'role_assigned')
      await h.commander.incidents.assignRole({ incidentId: id, role: 'comms', userId: PEOPLE.carol, actorId: me });
    const held = c.event === 'declared' ? [] : (await h.store.checklists.listsOf(id)).map((l) => l.listId);
    if (c.event === 'severity_changed')
      await h.commander.incidents.changeSeverity({ incidentId: id, severity: c.severity, reason: '', actorId: me });
    if (c.event === 'role_assigned')
      await h.commander.incidents.assignRole({ incidentId: id, role: 'comms', userId: PEOPLE.carol, actorId: me });
    if (c.event === 'status_changed')
      await h.commander.incidents.postUpdate({
        incidentId: id,
        key: `u-${i}`,
        status: 'identified',
        summary: 'Found',
        impact: '',
        nextSteps: '',
        authorId: me,
      });
    if (c.event === 'service_added')
      await h.commander.incidents.changeServices({ incidentId: id, add: c.services, remove: [], actorId: me });
    if (c.event === 'resolved')
      await h.commander.incidents.resolve({
        incidentId: id,
        key: `r-${i}`,
        resolution: 'Fixed',
        rootCause: '',
        authorId: me,
      });
    await h.commander.idle();
    // A declaration's rules act once its channel is made, at the next tick.
    h.clock.advance(5_000);
    await h.tick();
    return { incidentId: id, held };
  }

  it.each(CASES.map((c, i) => [i + 1, c] as const))(
    'scenario %i: what the dry run says is what happens',
    async (i, c) => {
      const policy = parsePolicy({ ...DEFAULT_POLICY_INPUT, ...POLICY });
      const expected = dryRun(policy, c).flatMap((f) => f.actions.map((a) => `${f.rule}: ${said(a)}`));

      const { incidentId, held } = await live(c, i);
      const firings = (await h.store.ruleFirings.of(incidentId)).filter((f) =>
        f.occurrence.startsWith(OCCURRENCE[c.event]),
      );
      const ids = new Set(firings.map((f) => f.id));
      const entries = (await storedEntries(h.store, { incidentId, kind: 'rule_action' })).filter(
        (e) => e.kind === 'rule_action' && ids.has(e.data.firingId),
      );
      const happened = entries.map((e) => (e.kind === 'rule_action' ? `${e.data.rule}: ${said(e.data.action)}` : ''));
      expect(happened.sort()).toEqual([...expected].sort());
      expect(entries.every((e) => e.kind === 'rule_action' && e.data.outcome === 'done')).toBe(true);

      // And Slack was asked: each post and DM carries its firing's key.
      const keyed = h.fake.okCalls('chat.postMessage').map((call) => call.args.metadata?.event_payload?.step as string);
      for (const f of firings)
        f.actions.forEach((a, n) => {
          if (a.kind === 'post') expect(keyed).toContain(`rule-${f.id}-${n}`);
          if (a.kind === 'dm') expect(keyed).toContain(`rule-${f.id}-${n}-0`);
        });

      // The checklists: those the change attached, with their items as stored, are the dry run's.
      const lists = dryRunChecklists(policy, c);
      const attached = (await h.store.checklists.listsOf(incidentId)).filter((l) => !held.includes(l.listId));
      expect(attached.map((l) => l.listId).sort()).toEqual(lists.map((l) => l.id).sort());
      const items = await h.store.checklists.itemsOf(incidentId);
      for (const list of lists)
        expect(
          items
            .filter((it) => it.listId === list.id)
            .map(({ text, link, role, required }) => ({ text, link, role, required })),
        ).toEqual(list.items);
    },
  );

  it('runs at least 15 scenarios, among them some that attach checklists and some that attach none', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(15);
    const policy = parsePolicy({ ...DEFAULT_POLICY_INPUT, ...POLICY });
    const attaching = CASES.filter((c) => dryRunChecklists(policy, c).length > 0);
    expect(attaching.length).toBeGreaterThanOrEqual(8);
    expect(CASES.length - attaching.length).toBeGreaterThanOrEqual(4);
  });
});
