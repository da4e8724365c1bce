import { DEFAULT_POLICY } from '../../../src/config/policy';
import type { Subscription } from '../../../src/follows/follows.types';
import type { StatusUpdate } from '../../../src/incidents/incident.types';
import { followerNewsMessage, followingMessage } from '../../../src/slack/blocks/follow-messages';
import { anIncident, T0 } from '../../support/incident-fixture';

const policy = DEFAULT_POLICY;
const incident = anIncident({ id: 12, title: '*Bold* <!channel> & co', severity: 'SEV1' });
const update = (o: Partial<StatusUpdate> = {}): StatusUpdate => ({
  id: 3,
  incidentId: 12,
  requestKey: 'U1',
  status: 'identified',
  summary: 'Found it <!here>',
  impact: 'Checkout fails',
  nextSteps: '',
  authorId: 'UBOB',
  postedAt: T0,
  messageTs: null,
  mirrorTs: null,
  ...o,
});
const sub = (id: number): Subscription => ({
  id,
  userId: 'UCAROL',
  field: 'service',
  value: 'payments',
  createdAt: T0,
});
const blocksOf = (m: { blocks: unknown[] }) => JSON.stringify(m.blocks);

describe("a follower's DM", () => {
  it('shows an update with what people wrote escaped, and an Unfollow button', () => {
    const message = followerNewsMessage({ kind: 'update', userId: 'UCAROL', incident, update: update() }, policy);
    expect(message.text).toContain('Update on #12');
    expect(blocksOf(message)).toContain('Found it &lt;!here&gt;');
    expect(blocksOf(message)).not.toContain('<!channel>');
    expect(blocksOf(message)).toContain('"action_id":"incident_unfollow","value":"12"');
  });

  it('says the resolution is the last one, with no button left to press', () => {
    const resolved = anIncident({ ...incident, resolvedAt: T0 + 3_600_000, rootCause: 'Expired certificate' });
    const message = followerNewsMessage(
      {
        kind: 'update',
        userId: 'UCAROL',
        incident: resolved,
        update: update({ status: 'resolved', summary: 'Renewed' }),
      },
      policy,
    );
    // The notification text is escaped too: a title cannot mention @channel from a DM.
    expect(message.text).toBe('#12 *Bold* &lt;!channel&gt; &amp; co is resolved after 1h');
    expect(blocksOf(message)).toContain('Expired certificate');
    expect(blocksOf(message)).toContain('That was the last DM about it');
    expect(blocksOf(message)).not.toContain('incident_unfollow');
  });

  it('tells a subscriber which subscription made them follow', () => {
    const message = followerNewsMessage({ kind: 'followed', userId: 'UCAROL', incident, subscription: sub(4) }, policy);
    expect(blocksOf(message)).toContain('because you subscribed to `service:payments`');
  });
});

describe('/incident subscriptions', () => {
  it('says how to follow when there is nothing', () => {
    expect(followingMessage({ subscriptions: [], incidents: [] }).text).toBe('You follow nothing.');
  });

  it('lists each subscription and followed incident with its button, and counts what does not fit in one message', () => {
    const many = Array.from({ length: 30 }, (_, n) => sub(n + 1));
    const followed = Array.from({ length: 30 }, (_, n) => ({
      incident: anIncident({ id: n + 1 }),
      subscriptionId: null,
    }));
    const message = followingMessage({ subscriptions: many, incidents: followed });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(blocksOf(message)).toContain('"action_id":"follow_unsubscribe","value":"1"');
    expect(blocksOf(message)).toContain('"action_id":"incident_unfollow","value":"1"');
    expect(blocksOf(message).match(/…and 10 more/g)).toHaveLength(2);
  });
});
