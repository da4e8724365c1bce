import { APP_ENGINES, appDatabase } from '../support/app-engines';
import type { Message, View } from '../support/fake-slack';
import { ANNOUNCE_CHANNEL, type Harness, PEOPLE, startHarness } from '../support/harness';
import { openedView } from './flows';

/** Maintenance windows from Slack: `/incident maintenance`, its confirmation and its steps (docs/status-page.md). */

const MIN = 60_000;
const HOUR = 60 * MIN;
const POLICY = {
  services: [
    { id: 'payments', name: 'Payments service', public: { name: 'Payments', group: 'Checkout' } },
    { id: 'api', name: 'Public API', public: { name: 'API' } },
    { id: 'ledger-db', name: 'Ledger database' },
  ],
  statusPage: { title: 'Acme Status' },
  admins: [PEOPLE.alice],
};

const seconds = (ms: number) => String(Math.floor(ms / 1000));
const json = async (h: Harness, path: string) => JSON.parse(await (await fetch(`${h.statusUrl}${path}`)).text());
const statusOf = async (h: Harness, id: string) =>
  (await json(h, '/api/v2/components.json')).components.find((c: { id: string }) => c.id === id).status as string;
const upcoming = async (h: Harness) =>
  (await json(h, '/api/v2/scheduled-maintenances/upcoming.json')).scheduled_maintenances.map(
    (m: { name: string; status: string }) => [m.name, m.status],
  );

const textOf = (m: Message) => `${m.text} ${JSON.stringify(m.blocks ?? [])}`;
/** The announcement channel's posts (as chat.update left them) whose text or blocks say `needle`. */
const posts = (h: Harness, needle: string) =>
  h.fake.messages(ANNOUNCE_CHANNEL).filter((m) => textOf(m).includes(needle));
const confirmation = (h: Harness) => {
  const found = posts(h, 'Components:*');
  expect(found).toHaveLength(1);
  return found[0] as Message;
};
/** What the person was told privately after a click or a command (the response URL). */
const lastTold = (h: Harness) => h.fake.responses().at(-1)?.body.text as string;

describe.each(APP_ENGINES)('maintenance from Slack (%s)', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ ...(await database.options()), statusPage: true, policy: POLICY });
  });
  afterEach(async () => h.stop());

  const settled = async () => {
    await h.commander.idle();
    await h.commander.statusServer?.settled();
  };

  /** Alice (an admin) opens the form and schedules a window an hour from now, for `minutes`. */
  async function schedule(minutes = 30): Promise<{ start: number; end: number }> {
    await h.user(PEOPLE.alice).command('maintenance');
    const start = h.clock.now() + HOUR;
    const end = start + minutes * MIN;
    const response = await h.user(PEOPLE.alice).submit(openedView(h, 'statuspage_maintenance'), {
      title: 'Database upgrade',
      components: 'payments,api',
      starts_at: seconds(start),
      ends_at: seconds(end),
      message: 'Payments may be slow for a few minutes.',
    });
    expect(response.json?.response_action).toBe('update');
    await settled();
    return { start, end };
  }

  it('schedules from /incident maintenance: field errors first, upcoming at once, under maintenance at its start with a post, and End now ends it once', async () => {
    await h.user(PEOPLE.alice).command('maintenance');
    const form = openedView(h, 'statuspage_maintenance');
    const blocks = JSON.stringify(form.view.blocks);
    expect(blocks).toContain('"type":"datetimepicker"');
    expect(blocks).toContain('Europe/London');
    expect(blocks).toContain('"value":"payments"');
    expect(blocks).not.toContain('ledger-db');

    const start = h.clock.now() + HOUR;
    const alice = h.user(PEOPLE.alice);
    const noComponents = await alice.submit(form, { title: 'Database upgrade', components: '' });
    expect(noComponents.json?.errors).toEqual({ components: 'Choose at least one component.' });
    const backwards = await alice.submit(form, {
      title: 'Database upgrade',
      components: 'payments,api',
      starts_at: seconds(start),
      ends_at: seconds(start - MIN),
    });
    expect(backwards.json?.errors).toEqual({ ends_at: 'It must end after it starts.' });
    expect(await upcoming(h)).toEqual([]);
    expect(h.fake.messages(ANNOUNCE_CHANNEL)).toEqual([]);

    const scheduled = await alice.submit(form, {
      title: 'Database upgrade',
      components: 'payments,api',
      starts_at: seconds(start),
      ends_at: seconds(start + 30 * MIN),
      message: 'Payments may be slow for a few minutes.',
    });
    expect(scheduled.json?.response_action).toBe('update');
    await settled();
    expect(await upcoming(h)).toEqual([['Database upgrade', 'scheduled']]);
    let notice = confirmation(h);
    expect(textOf(notice)).toContain('Database upgrade');
    expect(textOf(notice)).toContain('Payments, API');
    expect(textOf(notice)).toContain(`<!date^${seconds(start)}^`);
    expect(textOf(notice)).toContain('maintenance_cancel');
    expect(textOf(notice)).not.toContain('maintenance_end_now');

    h.clock.set(start + 1_000);
    await h.tick();
    await h.tick();
    await settled();
    expect(await statusOf(h, 'payments')).toBe('under_maintenance');
    expect(await statusOf(h, 'ledger-db').catch(() => 'absent')).toBe('absent');
    expect((await json(h, '/api/v2/summary.json')).status.indicator).toBe('maintenance');
    expect(posts(h, 'has started')).toHaveLength(1);
    // As the message was when clicked (the fake's message changes with chat.update).
    notice = structuredClone(confirmation(h));
    expect(textOf(notice)).toContain('Maintenance under way');
    expect(textOf(notice)).toContain('maintenance_end_now');
    expect(textOf(notice)).not.toContain('maintenance_cancel');

    // Bob is no admin: refused, and nothing changes.
    await h.user(PEOPLE.bob).click(notice, 'maintenance_end_now');
    expect(lastTold(h)).toMatch(/Only Commander admins/);
    expect(await statusOf(h, 'api')).toBe('under_maintenance');

    h.clock.advance(10 * MIN);
    await alice.click(notice, 'maintenance_end_now');
    await settled();
    expect(await statusOf(h, 'payments')).toBe('operational');
    expect(await statusOf(h, 'api')).toBe('operational');
    expect(posts(h, 'was ended early by <@UALICE0001>')).toHaveLength(1);
    expect(textOf(confirmation(h))).toContain('Ended early by <@UALICE0001>');
    expect(textOf(confirmation(h))).not.toContain('maintenance_end_now');

    // A double click (the message as it was) does nothing twice.
    await alice.click(notice, 'maintenance_end_now');
    expect(lastTold(h)).toBe('Maintenance “Database upgrade” has already ended.');
    h.clock.set(start + 30 * MIN + 1_000);
    await h.tick();
    await settled();
    expect(posts(h, 'ended early')).toHaveLength(1);
    expect(posts(h, 'is over')).toHaveLength(0);
    expect((await json(h, '/api/v2/scheduled-maintenances.json')).scheduled_maintenances[0].status).toBe('completed');
  });

  it('Cancel before the start: gone from upcoming, said once with who did it, and its start never comes', async () => {
    const { start } = await schedule();
    const notice = structuredClone(confirmation(h));
    await h.user(PEOPLE.alice).click(notice, 'maintenance_cancel');
    await settled();
    expect(await upcoming(h)).toEqual([]);
    expect(posts(h, 'was cancelled by <@UALICE0001>')).toHaveLength(1);
    expect(textOf(confirmation(h))).toContain('Cancelled by <@UALICE0001>');
    expect(textOf(confirmation(h))).not.toContain('maintenance_cancel');

    await h.user(PEOPLE.alice).click(notice, 'maintenance_cancel');
    expect(lastTold(h)).toBe('Maintenance “Database upgrade” was already cancelled.');
    h.clock.set(start + 1_000);
    await h.tick();
    await settled();
    expect(await statusOf(h, 'payments')).toBe('operational');
    expect(posts(h, 'has started')).toHaveLength(0);
    expect(posts(h, 'was cancelled')).toHaveLength(1);
  });

  it('runs its end on the scheduler when nobody ends it early, and a post that failed goes out at the next tick, once', async () => {
    const { start, end } = await schedule();
    h.clock.set(start);
    await h.tick();
    await settled();
    h.fake.fail('chat.postMessage', { error: 'internal_error' });
    h.clock.set(end);
    await h.tick();
    await settled();
    // The page moved on; the post did not go out.
    expect(await statusOf(h, 'payments')).toBe('operational');
    expect(posts(h, 'is over')).toHaveLength(0);

    await h.restart();
    await h.tick();
    await h.tick();
    await settled();
    expect(posts(h, 'is over')).toHaveLength(1);
    expect(textOf(confirmation(h))).toContain('Ended as planned.');
    expect(posts(h, 'has started')).toHaveLength(1);
  });

  it('refuses someone who is not an admin, from the command and from a crafted submission', async () => {
    const answer = await h.user(PEOPLE.bob).command('maintenance');
    expect(answer.json?.text).toBe('Only Commander admins can schedule, cancel or end maintenance.');
    expect(h.fake.views().filter((v) => v.view.callback_id === 'statuspage_maintenance')).toEqual([]);
    await h.user(PEOPLE.alice).command('maintenance');
    const form: View = openedView(h, 'statuspage_maintenance');
    const start = h.clock.now() + HOUR;
    const crafted = await h.user(PEOPLE.bob).submit(form, {
      title: 'Sneaky window',
      components: 'payments',
      starts_at: seconds(start),
      ends_at: seconds(start + HOUR),
    });
    expect(crafted.json?.errors?.title).toBe('Only Commander admins can schedule, cancel or end maintenance.');
    await settled();
    expect(await upcoming(h)).toEqual([]);
    expect(h.fake.messages(ANNOUNCE_CHANNEL)).toEqual([]);
  });
});

describe('/incident maintenance where there is nothing to schedule on', () => {
  it('answers with a sentence, and opens no form, when the page is off, has no public components or nowhere to announce', async () => {
    const cases = [
      { options: { policy: POLICY }, says: /STATUS_PORT is not set/ },
      {
        options: { statusPage: true, policy: { ...POLICY, services: [{ id: 'ledger-db', name: 'Ledger database' }] } },
        says: /no components/,
      },
      { options: { statusPage: true, policy: POLICY, announce: false }, says: /announcementChannel/ },
    ];
    for (const { options, says } of cases) {
      const h = await startHarness(options);
      try {
        const answer = await h.user(PEOPLE.alice).command('maintenance');
        expect(answer.json?.text).toMatch(says);
        expect(h.fake.calls('views.open')).toEqual([]);
      } finally {
        await h.stop();
      }
    }
  });
});
