import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { type AppEngine, appDatabase } from '../support/app-engines';
import { type Harness, type HarnessOptions, PEOPLE, startHarness } from '../support/harness';
import { storedKinds } from '../support/stored';
import { declareIncident, openedView } from './flows';

// The harness clock starts on Tuesday 2026-11-24 09:00 UTC: in the platform rotation (weekly
// from 2026-11-02) that is Alice's shift as primary, with Bob as secondary.
export const MIN = 60_000;
export const MANAGER = 'UMANAGER01';
export const LEADERS = 'S0LEADERS1';
const [SEV1, SEV2, ...lower] = DEFAULT_POLICY_INPUT.severities;
export const LOWER_SEVERITIES = lower;

/** The built-in ladders and clocks (runbook 002), with the people an operator fills in. Missed updates do not climb here. */
export const LADDERS = {
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
    ...lower,
  ],
};

/**
 * The app with ladders on `engine`, and what the escalation tests do and look at, on one harness at
 * a time. Call it in a describe block (the engine's database lives as long as the block).
 */
export function ladderStage(engine: AppEngine) {
  const database = appDatabase(engine);
  let h!: Harness;
  let declaredAt = 0;

  const dmsTo = (userId: string) => {
    return h.fake.messages(h.fake.dmWith(userId));
  };
  const dmsWith = (userId: string, needle: string) =>
    dmsTo(userId).filter((m) => `${m.text} ${JSON.stringify(m.blocks ?? [])}`.includes(needle));

  return {
    get h() {
      return h;
    },
    get declaredAt() {
      return declaredAt;
    },
    async start(policy: Record<string, unknown> = LADDERS, options: Partial<HarnessOptions> = {}): Promise<Harness> {
      h = await startHarness({ policy, ...options, ...(await database.options()) });
      h.fake.addUser({ id: MANAGER, name: 'manager', tz: 'UTC' });
      return h;
    },
    stop: () => h.stop(),
    dmsTo,
    dmsWith,
    /** The ladder levels called in so far, in order, as "step:trigger" (a person by name: their id). */
    escalations: async (incidentId: number) =>
      (await h.store.timeline.listKind(incidentId, 'escalated')).map(
        ({ data: d }) => `${d.step ?? d.users.join(',')}:${d.trigger}`,
      ),
    kinds: (incidentId: number) => storedKinds(h.store, incidentId),
    /** Moves the clock to `minutes` after the last declaration and runs the jobs. */
    async at(minutes: number) {
      h.clock.set(declaredAt + minutes * MIN);
      await h.tick();
    },
    /** Carol declares; Alice, the primary, is commander by default (not herself: not acknowledged). */
    async declare(severity = 'SEV1', commander: string = PEOPLE.alice) {
      declaredAt = h.clock.now();
      const incident = await declareIncident(h, h.user(PEOPLE.carol), { title: 'Checkout down', severity, commander });
      await h.tick();
      return incident;
    },
    async postStatus(channelId: string, status: string) {
      await h.user(PEOPLE.alice).command('update', channelId);
      await h.user(PEOPLE.alice).submit(openedView(h, 'post_update'), { status, summary: `Now ${status}` });
    },
    async acknowledgeFromDm(userId: string) {
      const [request] = dmsWith(userId, 'incident_acknowledge');
      if (!request) throw new Error(`no DM with an Acknowledge button reached ${userId}`);
      await h.user(userId).click(request, 'incident_acknowledge');
    },
  };
}
