import type { StatusUpdate } from '../../../src/incidents/incident.types';
import { statusPhases } from '../../../src/postmortem/phases';
import { anIncident, T0 } from '../../support/incident-fixture';

const MIN = 60_000;
const update = (status: StatusUpdate['status'], at: number) => ({ status, postedAt: at }) as StatusUpdate;

describe('status phases', () => {
  it('run from one status to the next, repeats merged, Resolved a moment', () => {
    const incident = anIncident({ resolvedAt: T0 + 60 * MIN, status: 'resolved' });
    const updates = [
      update('identified', T0 + 10 * MIN),
      update('identified', T0 + 20 * MIN),
      update('monitoring', T0 + 40 * MIN),
      update('resolved', T0 + 60 * MIN),
    ];
    expect(statusPhases(incident, updates, [], T0 + 90 * MIN)).toEqual([
      { status: 'investigating', from: T0, to: T0 + 10 * MIN },
      { status: 'identified', from: T0 + 10 * MIN, to: T0 + 40 * MIN },
      { status: 'monitoring', from: T0 + 40 * MIN, to: T0 + 60 * MIN },
      { status: 'resolved', from: T0 + 60 * MIN, to: T0 + 60 * MIN },
    ]);
  });

  it('count a reopening as Investigating again (the time it stayed resolved is a phase), and run an open incident’s last phase to now', () => {
    const incident = anIncident({ status: 'investigating' });
    const updates = [update('resolved', T0 + 30 * MIN)];
    expect(statusPhases(incident, updates, [T0 + 45 * MIN], T0 + 50 * MIN)).toEqual([
      { status: 'investigating', from: T0, to: T0 + 30 * MIN },
      { status: 'resolved', from: T0 + 30 * MIN, to: T0 + 45 * MIN },
      { status: 'investigating', from: T0 + 45 * MIN, to: T0 + 50 * MIN },
    ]);
  });
});
