import { FakeSlack } from '../support/fake-slack';
import { type RunningApp, startAppProcess } from '../support/app-process';
import { BOT_TOKEN, type Harness, PEOPLE, SIGNING_SECRET, startHarness } from '../support/harness';
import { formBody, postSigned } from '../support/signed-request';

/** Signed bodies that parse but are not a Slack payload (an object): each once made Bolt throw or misread. */
const NOT_A_PAYLOAD: Array<[string, string, string]> = [
  ['form payload=null', 'payload=null', 'application/x-www-form-urlencoded'],
  ['form payload=[]', 'payload=%5B%5D', 'application/x-www-form-urlencoded'],
  ['form payload=5', 'payload=5', 'application/x-www-form-urlencoded'],
  ['form payload="text"', 'payload=%22text%22', 'application/x-www-form-urlencoded'],
  ['form payload that is not JSON', 'payload=%7Bnope', 'application/x-www-form-urlencoded'],
  ['JSON null', 'null', 'application/json'],
  ['JSON number', '5', 'application/json'],
  ['JSON array', '[]', 'application/json'],
  ['JSON string', '"text"', 'application/json'],
  ['JSON true', 'true', 'application/json'],
];

const help = formBody({
  command: '/incident',
  text: 'help',
  user_id: PEOPLE.alice,
  channel_id: 'CGENERAL',
  team_id: 'T0TEAM',
  trigger_id: 'x',
  response_url: 'http://127.0.0.1:1/',
});

describe('signed requests whose body is not a Slack payload', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it.each(NOT_A_PAYLOAD)('%s is answered 400, and the next request is served', async (_name, body, contentType) => {
    expect((await postSigned(h.eventsUrl, body, SIGNING_SECRET, { contentType })).status).toBe(400);
    expect((await postSigned(h.eventsUrl, help, SIGNING_SECRET)).status).toBe(200);
  });

  it('an unsigned one is refused as unsigned (401), saying nothing about its body', async () => {
    expect((await postSigned(h.eventsUrl, 'payload=null', 'not-the-secret')).status).toBe(401);
  });

  it("Slack's ssl_check still needs no signature", async () => {
    const response = await fetch(h.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=x',
    });
    expect(response.status).toBe(200);
  });
});

describe('signatures dated in the future', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());
  const inMinutes = (minutes: number) => Math.floor(Date.now() / 1000) + minutes * 60;

  it.each([6, 10, 60 * 24])(
    'a request signed %p minutes ahead is refused like a bad signature (401)',
    async (minutes) => {
      const response = await postSigned(h.eventsUrl, help, SIGNING_SECRET, { timestamp: inMinutes(minutes) });
      expect(response.status).toBe(401);
    },
  );

  it('a request signed a little ahead (clocks drift) is served', async () => {
    expect((await postSigned(h.eventsUrl, help, SIGNING_SECRET, { timestamp: inMinutes(4) })).status).toBe(200);
  });
});

describe('the app as a process, sent payload=null', () => {
  let fake: FakeSlack;
  let app: RunningApp;
  afterEach(async () => {
    await app?.stop();
    await fake?.stop();
  });

  it('answers 400 and goes on serving', async () => {
    fake = await FakeSlack.start({ token: BOT_TOKEN });
    app = await startAppProcess({ fake });
    for (const [, body, contentType] of NOT_A_PAYLOAD.filter(([name]) => name.includes('null'))) {
      expect((await postSigned(app.eventsUrl, body, SIGNING_SECRET, { contentType })).status).toBe(400);
    }
    expect((await postSigned(app.eventsUrl, help, SIGNING_SECRET)).status).toBe(200);
    expect((await fetch(`${app.origin}/healthz`)).status).toBe(200);
    expect(app.child.exitCode).toBeNull();
  });
});
