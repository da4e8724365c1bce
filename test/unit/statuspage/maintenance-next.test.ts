import { nextAfter } from '../../../src/statuspage/maintenance-job';

describe('when a maintenance window next needs its job, once its state is told', () => {
  const m = { startsAt: 1_000, endsAt: 2_000 };
  it('at its start while scheduled, at its end while under way, and never once over', () => {
    expect(nextAfter({ ...m, state: 'scheduled' })).toBe(1_000);
    expect(nextAfter({ ...m, state: 'in_progress' })).toBe(2_000);
    expect(nextAfter({ ...m, state: 'completed' })).toBeNull();
    expect(nextAfter({ ...m, state: 'cancelled' })).toBeNull();
  });
});
