import { Redeliveries } from '../../../src/slack/transport/redeliveries';

describe('Redeliveries', () => {
  it('knows a redelivered event or interaction by its own id, not by the envelope', () => {
    const seen = new Redeliveries();
    expect(seen.alreadyHandled({ event_id: 'Ev1' }, undefined)).toBe(false);
    expect(seen.alreadyHandled({ event_id: 'Ev1' }, 1)).toBe(true);
    expect(seen.alreadyHandled({ trigger_id: '1.2.abc' }, 0)).toBe(false);
    expect(seen.alreadyHandled({ trigger_id: '1.2.abc' }, 2)).toBe(true);
    expect(seen.alreadyHandled({ event_id: 'Ev2' }, 1)).toBe(false);
  });

  it('a first delivery is always handled, even one marked as a retry, and only redeliveries are skipped', () => {
    const seen = new Redeliveries();
    expect(seen.alreadyHandled({ trigger_id: 't' }, 1)).toBe(false);
    expect(seen.alreadyHandled({ trigger_id: 't' }, 0)).toBe(false);
    expect(seen.alreadyHandled({ type: 'block_suggestion' }, 1)).toBe(false);
  });

  it('forgets the oldest payloads beyond its capacity', () => {
    const seen = new Redeliveries(2);
    for (const id of ['a', 'b', 'c']) seen.alreadyHandled({ event_id: id }, 0);
    expect(seen.alreadyHandled({ event_id: 'a' }, 1)).toBe(false);
    expect(seen.alreadyHandled({ event_id: 'c' }, 1)).toBe(true);
  });
});
