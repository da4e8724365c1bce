import { APP_ENGINES, forceRows } from '../support/app-engines';
import { type Harness, PEOPLE } from '../support/harness';
import { ladderStage } from './escalation-stage';

/**
 * The escalation clock shared with other replicas: a timer taken over from a replica that died
 * after Slack took its messages is not sent again. The dead replica is played by putting the
 * timer back as it would have left it: still pending, its entry unwritten, its lease run out.
 */
describe.each(APP_ENGINES)('on %s', (engine) => {
  const stage = ladderStage(engine);
  const { dmsWith, kinds, at, declare } = stage;
  let h: Harness;
  beforeEach(async () => {
    h = await stage.start();
  });
  afterEach(async () => stage.stop());

  describe('escalation timers shared with other replicas', () => {
    it('an overdue acknowledgement taken over after its DM and note went out is found, not sent again, and recorded once', async () => {
      const incident = await declare();
      await at(5);
      expect(dmsWith(PEOPLE.alice, 'Not acknowledged yet')).toHaveLength(1);
      const timer = (await h.store.escalationTimers.list(incident.incidentId)).find(
        (t) => t.kind === 'ack_overdue',
      )!.id;
      await forceRows(
        h,
        "UPDATE escalation_timers SET state = 'pending', done_at = NULL, lease_owner = 'replica-that-died', lease_until = ? WHERE id = ?",
        h.clock.now(),
        timer,
      );
      await forceRows(
        h,
        "DELETE FROM timeline WHERE incident_id = ? AND kind = 'acknowledgement_overdue'",
        incident.incidentId,
      );

      await h.tick();
      expect(dmsWith(PEOPLE.alice, 'Not acknowledged yet')).toHaveLength(1);
      const notes = h.fake
        .messages(incident.channelId)
        .filter((m) =>
          `${m.text} ${JSON.stringify(m.blocks ?? [])}`.includes('has not acknowledged this incident within 5m'),
        );
      expect(notes).toHaveLength(1);
      expect((await kinds(incident.incidentId)).filter((k) => k === 'acknowledgement_overdue')).toHaveLength(1);
      expect((await h.store.escalationTimers.get(timer))?.state).toBe('fired');
      expect(await h.store.leases.holder('escalationTimer', timer)).toBeNull();
    });
  });
});
