import { ManualClock } from '../../support/manual-clock';
import { DEFAULT_POLICY, parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';
import { createIncidentsService } from '../../../src/incidents/incidents.service';
import { createLogger } from '../../../src/logger';
import { createStore } from '../../../src/store';
import { openDatabase } from '../../../src/store/sqlite/db';
import { migrate } from '../../../src/store/sqlite/migrate';
import { inMemoryConversation } from './in-memory-conversation';
import { plainRecorder } from '../../support/recorder';

function setup(policy = parsePolicy({ ...DEFAULT_POLICY_INPUT, announcementChannel: 'CANNOUNCE' })) {
  const db = openDatabase(':memory:');
  migrate(db);
  const store = createStore(db);
  const conversation = inMemoryConversation();
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const service = createIncidentsService({
    store,
    recorder: plainRecorder,
    conversation: conversation.port,
    policy,
    clock,
    logger: createLogger('silent'),
  });
  return { store, conversation, clock, service };
}

const declaration = {
  key: 'V1',
  title: 'Checkout errors',
  severity: 'sev1',
  impact: 'EU users cannot pay',
  commanderId: 'UBOB',
  declaredBy: 'UALICE',
};

describe('declaring an incident', () => {
  it('numbers incidents and runs every set-up step: the channel first, the pin after the kick-off', async () => {
    const { service, conversation } = setup();
    const first = await service.declare(declaration);
    const second = await service.declare({ ...declaration, key: 'V2', title: 'Search slow' });
    expect([first.incident.id, second.incident.id]).toEqual([1, 2]);
    expect(first.incident).toMatchObject({
      severity: 'SEV1',
      status: 'investigating',
      channelName: 'inc-1-checkout-errors',
    });
    expect(first.incident.setupDoneAt).not.toBeNull();
    const ops = conversation.ops().slice(0, 6);
    expect(ops[0]).toBe('createChannel');
    expect([...ops].sort()).toEqual(['announce', 'createChannel', 'invite', 'pin', 'postKickoff', 'setTopic']);
    expect(ops.indexOf('pin')).toBeGreaterThan(ops.indexOf('postKickoff'));
    expect(conversation.calls.find((c) => c.op === 'invite')?.args).toEqual(['C1', ['UALICE', 'UBOB']]);
  });

  it('declares once when the same request arrives twice', async () => {
    const { service, conversation, store } = setup();
    const [a, b] = await Promise.all([service.declare(declaration), service.declare(declaration)]);
    expect(a.incident.id).toBe(b.incident.id);
    expect(conversation.ops().filter((op) => op === 'createChannel')).toHaveLength(1);
    expect((await store.timeline.list(a.incident.id)).filter((e) => e.kind === 'declared')).toHaveLength(1);
  });

  it('refuses a title that would show as nothing, before recording anything', async () => {
    const { service, conversation, store } = setup();
    await expect(service.declare({ ...declaration, title: '\u200B\u2060 \uFEFF\u3164' })).rejects.toThrow(
      'An incident needs a title',
    );
    expect(await store.incidents.get(1)).toBeUndefined();
    expect(conversation.ops()).toEqual([]);
  });

  it('tries a suffixed channel name when the name is taken', async () => {
    const { service, conversation } = setup();
    conversation.take('inc-1-checkout-errors');
    const { incident } = await service.declare(declaration);
    expect(incident.channelName).toBe('inc-1-checkout-errors-2');
  });

  it('keeps the incident and reports the problem when the channel cannot be created', async () => {
    const { service, conversation, store } = setup();
    conversation.failNext('createChannel', 'restricted_action');
    const result = await service.declare(declaration);
    expect(result.problems).toEqual([expect.objectContaining({ step: 'channel', code: 'restricted_action' })]);
    expect(await store.incidents.get(result.incident.id)).toMatchObject({
      title: 'Checkout errors',
      channelId: null,
      setupDoneAt: null,
    });
    expect(conversation.ops()).toEqual(['createChannel']);
  });

  it('finishes an interrupted set-up later without repeating the steps that were done', async () => {
    const { service, conversation } = setup();
    conversation.failNext('postKickoff', 'ratelimited');
    const first = await service.declare(declaration);
    expect(first.problems.map((p) => p.step)).toEqual(['kickoff']);
    conversation.calls.length = 0;
    const [resumed] = await service.resumeSetups();
    expect(conversation.ops()).toEqual(['postKickoff', 'pin', 'tellSetupFinished']);
    expect(resumed?.incident.setupDoneAt).not.toBeNull();
    expect(await service.resumeSetups()).toEqual([]);
  });

  it('refuses an unknown severity with the list of valid ones', async () => {
    const { service } = setup();
    await expect(service.declare({ ...declaration, severity: 'SEV9' })).rejects.toThrow(
      'Unknown severity SEV9. Choose one of SEV1, SEV2, SEV3, SEV4.',
    );
  });

  it('records the declaration on the timeline in UTC', async () => {
    const { service, store, clock } = setup();
    const { incident } = await service.declare(declaration);
    const [declared] = await store.timeline.list(incident.id);
    expect(declared).toMatchObject({ kind: 'declared', actorId: 'UALICE', at: clock.now() });
  });
});

describe('status updates and resolution', () => {
  it('posts an update once per request, moves the status and records it', async () => {
    const { service, store, clock, conversation } = setup();
    const { incident } = await service.declare(declaration);
    clock.advance(10 * 60_000);
    const input = {
      incidentId: incident.id,
      key: 'VU1',
      status: 'identified' as const,
      summary: 'Bad deploy',
      impact: '',
      nextSteps: 'Roll back',
      authorId: 'UBOB',
    };
    const first = await service.postUpdate(input);
    const again = await service.postUpdate(input);
    expect(again.created).toBe(false);
    expect(first.incident).toMatchObject({
      status: 'identified',
      lastUpdateAt: clock.now(),
      impact: 'EU users cannot pay',
    });
    expect(conversation.ops().filter((op) => op === 'postStatusUpdate')).toHaveLength(1);
    expect(conversation.ops()).toContain('mirrorStatusUpdate');
    expect((await store.timeline.list(incident.id)).map((e) => e.kind)).toEqual([
      'declared',
      'channel_created',
      'status_update',
    ]);
  });

  it('does not mirror updates of less severe incidents', async () => {
    const { service, conversation } = setup();
    const { incident } = await service.declare({ ...declaration, severity: 'SEV3' });
    await service.postUpdate({
      incidentId: incident.id,
      key: 'VU1',
      status: 'monitoring',
      summary: 'ok',
      impact: '',
      nextSteps: '',
      authorId: 'UBOB',
    });
    expect(conversation.ops()).not.toContain('mirrorStatusUpdate');
  });

  it('resolves with resolution and root cause, and refuses to resolve twice', async () => {
    const { service, clock } = setup();
    const { incident } = await service.declare(declaration);
    clock.advance(83 * 60_000);
    const { incident: resolved } = await service.resolve({
      incidentId: incident.id,
      key: 'VR1',
      resolution: 'Rolled back',
      rootCause: 'Bad config',
      authorId: 'UBOB',
    });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedAt: clock.now(),
      resolution: 'Rolled back',
      rootCause: 'Bad config',
    });
    await expect(
      service.resolve({ incidentId: incident.id, key: 'VR2', resolution: 'again', rootCause: '', authorId: 'UBOB' }),
    ).rejects.toThrow('Incident #1 is already resolved.');
    await expect(
      service.postUpdate({
        incidentId: incident.id,
        key: 'VU9',
        status: 'monitoring',
        summary: 'x',
        impact: '',
        nextSteps: '',
        authorId: 'UBOB',
      }),
    ).rejects.toThrow(/already resolved/);
  });

  it('reports a failed post and posts it when the same request is retried', async () => {
    const { service, conversation } = setup(DEFAULT_POLICY);
    const { incident } = await service.declare(declaration);
    conversation.failNext('postStatusUpdate', 'not_in_channel');
    const input = {
      incidentId: incident.id,
      key: 'VU1',
      status: 'mitigating' as const,
      summary: 'Scaling up',
      impact: '',
      nextSteps: '',
      authorId: 'UBOB',
    };
    expect((await service.postUpdate(input)).problems).toEqual([
      expect.objectContaining({ step: 'post', code: 'not_in_channel' }),
    ]);
    const retried = await service.postUpdate(input);
    expect(retried.problems).toEqual([]);
    expect(conversation.ops().filter((op) => op === 'postStatusUpdate')).toHaveLength(2);
  });
});
