import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident } from './flows';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.stop());

const RETRY = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };

describe('a slash command Slack delivers again', () => {
  it.each(['declare Checkout down', 'update', 'resolve'])(
    '"/incident %s" opens its form once and the redelivery is only acknowledged',
    async (text) => {
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Open one' });
      const channel = text.startsWith('declare') ? 'CGENERAL' : incident.channelId;
      const opened = h.fake.calls('views.open').length;
      const first = await h.user(PEOPLE.alice).command(text, channel);
      const again = await h.user(PEOPLE.alice).command(text, channel, RETRY, first);

      expect(again.status).toBe(200);
      expect(again.text).toBe('');
      const calls = h.fake.calls('views.open').slice(opened);
      expect(calls.map((c) => c.error ?? 'ok')).toEqual(['ok']);
      expect(h.fake.responses(first.responseUrl)).toEqual([]);
    },
  );
});
