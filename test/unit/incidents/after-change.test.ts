import { DEFAULT_POLICY } from '../../../src/config/policy';
import { allOf, type AfterChange, type ChangeFacts } from '../../../src/incidents/after-change';
import { createIncidentsService } from '../../../src/incidents/incidents.service';
import { createLogger } from '../../../src/logger';
import { createStore } from '../../../src/store';
import { openDatabase } from '../../../src/store/sqlite/db';
import { migrate } from '../../../src/store/sqlite/migrate';
import { ManualClock } from '../../support/manual-clock';
import { inMemoryConversation } from './in-memory-conversation';
import { plainRecorder } from '../../support/recorder';

describe('after a change, the incidents tell whoever listens', () => {
  it('once per change, inside the transaction, with what changed', async () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const store = createStore(db);
    const told: Array<Partial<ChangeFacts> & { inTransaction: boolean }> = [];
    const afterChange = (_incident: unknown, facts: ChangeFacts) => {
      const { at: _at, ...rest } = facts;
      told.push({
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v))),
        inTransaction: db.inTransaction,
      });
    };
    const clock = new ManualClock();
    const service = createIncidentsService({
      store,
      recorder: plainRecorder,
      conversation: inMemoryConversation().port,
      policy: DEFAULT_POLICY,
      clock,
      logger: createLogger('silent'),
      afterChange,
    });
    const { incident } = await service.declare({
      key: 'V1',
      title: 'Down',
      severity: 'SEV2',
      impact: '',
      commanderId: 'UBOB',
      declaredBy: 'UBOB',
    });
    const by = { incidentId: incident.id, actorId: 'UBOB' };
    await service.postUpdate({
      ...by,
      key: 'U1',
      status: 'identified',
      summary: 'Found it',
      impact: '',
      nextSteps: '',
      authorId: 'UBOB',
    });
    await service.assignRole({ ...by, role: 'commander', userId: 'UCAROL' });
    const carol = { incidentId: incident.id, actorId: 'UCAROL' };
    await service.assignRole({ ...carol, role: 'scribe', userId: 'UDAN' });
    await service.changeSeverity({ ...carol, severity: 'SEV1', reason: '' });
    await service.resolve({ ...carol, key: 'R1', resolution: 'Fixed', rootCause: '', authorId: 'UCAROL' });
    await service.reopen({ ...carol, reason: 'Back' });
    expect(told).toEqual([
      { cadenceMoved: true, declared: true, actorId: 'UBOB', inTransaction: true },
      { answered: true, cadenceMoved: true, statusChanged: true, actorId: 'UBOB', updateId: 1, inTransaction: true },
      { newCommander: true, roleAssigned: 'commander', actorId: 'UBOB', inTransaction: true },
      { roleAssigned: 'scribe', actorId: 'UCAROL', inTransaction: true },
      { severityChanged: true, cadenceMoved: true, actorId: 'UCAROL', inTransaction: true },
      { answered: true, cadenceMoved: true, resolved: true, actorId: 'UCAROL', updateId: 2, inTransaction: true },
      { answered: true, cadenceMoved: true, actorId: 'UCAROL', inTransaction: true },
    ]);
  });

  it('allOf runs listeners one after another, each finished before the change commits', async () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const store = createStore(db);
    const heard: string[] = [];
    const listener =
      (name: string): AfterChange =>
      async (incident, _facts, tx) => {
        // A listener that waits on the store: the next one, and the commit, must wait for it.
        await tx.reminders.get(incident.id);
        heard.push(`${name}:${db.inTransaction}`);
      };
    const service = createIncidentsService({
      store,
      recorder: plainRecorder,
      conversation: inMemoryConversation().port,
      policy: DEFAULT_POLICY,
      clock: new ManualClock(),
      logger: createLogger('silent'),
      afterChange: allOf(listener('reminders'), listener('escalation')),
    });
    await service.declare({
      key: 'V1',
      title: 'Down',
      severity: 'SEV2',
      impact: '',
      commanderId: 'UBOB',
      declaredBy: 'UBOB',
    });
    expect(heard).toEqual(['reminders:true', 'escalation:true']);
  });
});
