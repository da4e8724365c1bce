import { SESSION_COOKIE } from '../../src/web/auth/cookies';
import { createSessions } from '../../src/web/auth/sessions';
import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';

const HOUR = 3_600_000;
const PRIVATE_INCIDENTS = 60;
/** In the channel of one private incident, and neither involved in it nor an admin. */
const MEMBER = PEOPLE.carol;
const OUTSIDER = PEOPLE.bob;
const COMMANDER = 'UCMDR00001';
/** Holds a role in one private incident, without being in its channel. */
const ROLE_HOLDER = PEOPLE.alice;

/**
 * Which private incidents the console shows a reader who is neither an admin nor involved: those
 * whose channel they are in, learned from one users.conversations answer per reader (kept a
 * minute), not from a conversations.members call per private incident.
 */
describe.each(APP_ENGINES)('the console and private incidents’ channels (%s)', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  let cookie: (userId: string) => Promise<string>;
  let theirs: number;
  afterEach(async () => h?.stop());

  beforeEach(async () => {
    h = await startHarness({ ...(await database.options()), web: true });
    h.fake.addUser({ id: COMMANDER, name: 'cmdr' });
    const now = h.clock.now();
    for (let n = 0; n < PRIVATE_INCIDENTS; n++) {
      const { incident } = await h.store.incidents.insertOnce({
        declareKey: `private-${n}`,
        title: `Vault ${n} opened`,
        severity: 'SEV1',
        impact: 'Keys',
        commanderId: COMMANDER,
        declaredBy: COMMANDER,
        declaredAt: now - (PRIVATE_INCIDENTS - n) * HOUR,
        sourceViewId: null,
        isPrivate: true,
      });
      const channelId = `CVAULT${n}`;
      await h.store.incidents.update(incident.id, {
        channelId,
        channelName: `inc-${incident.id}-vault-${n}`,
        ...(n === 3 ? { roles: { comms: ROLE_HOLDER } } : {}),
      });
      h.fake.addChannel({
        id: channelId,
        name: `inc-${incident.id}-vault-${n}`,
        is_private: true,
        members: ['UBOTCOMMANDER', COMMANDER, ...(n === 7 ? [MEMBER] : [])],
      });
      if (n === 7) theirs = incident.id;
    }
    const sessions = createSessions({ store: h.store, clock: h.clock, sessionFor: 12 * HOUR });
    cookie = (userId) => sessions.open(userId);
    h.fake.clearCalls();
  });

  async function get(path: string, userId: string): Promise<{ status: number; body: string }> {
    const response = await fetch(`${h.webUrl}${path}`, {
      headers: { cookie: `${SESSION_COOKIE}=${await cookie(userId)}` },
      redirect: 'manual',
    });
    return { status: response.status, body: await response.text() };
  }
  const titles = (html: string) => [...html.matchAll(/Vault \d+ opened/g)].map((m) => m[0]);
  const askedAbout = (userId: string) =>
    h.fake.calls('users.conversations').filter((call) => call.args.user === userId);

  it('a member of a private incident’s channel sees it, as do the people involved, and an outsider sees none', async () => {
    expect(titles((await get('/', MEMBER)).body)).toEqual(['Vault 7 opened']);
    expect(titles((await get('/', ROLE_HOLDER)).body)).toEqual(['Vault 3 opened']);
    expect(titles((await get('/', COMMANDER)).body)).toHaveLength(50);
    expect((await get(`/incidents/${theirs}`, MEMBER)).status).toBe(200);
    expect(titles((await get('/?q=vault', OUTSIDER)).body)).toEqual([]);
    expect((await get(`/incidents/${theirs}`, OUTSIDER)).status).toBe(404);
  });

  it('asks Slack once per reader for their private channels, not once per private incident, and again after a minute', async () => {
    await get('/', MEMBER);
    await get('/', OUTSIDER);
    expect(askedAbout(MEMBER)).toHaveLength(1);
    expect(askedAbout(OUTSIDER)).toHaveLength(1);
    expect(askedAbout(MEMBER)[0]?.args).toMatchObject({ types: 'private_channel' });
    expect(h.fake.calls('conversations.members')).toHaveLength(0);

    // Another page and the incident page within the minute: Slack is not asked again.
    await get('/?status=open', MEMBER);
    await get(`/incidents/${theirs}`, MEMBER);
    expect(askedAbout(MEMBER)).toHaveLength(1);

    // Added to another incident's channel: seen once the minute is over.
    h.fake.channel('CVAULT8')!.members.add(MEMBER);
    h.clock.advance(61_000);
    expect(titles((await get('/', MEMBER)).body)).toEqual(['Vault 8 opened', 'Vault 7 opened']);
    expect(askedAbout(MEMBER)).toHaveLength(2);
  });

  it('a reader whose channels Slack cannot give now is shown no private incident by its channel', async () => {
    h.fake.fail('users.conversations', { error: 'internal_error' }, 10);
    const page = await get('/', MEMBER);
    expect([page.status, titles(page.body)]).toEqual([200, []]);
  });
});
