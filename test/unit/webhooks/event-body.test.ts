import { entries } from '../../../src/timeline/entries';
import { type NewTimelineEntry, TIMELINE_KINDS } from '../../../src/timeline/timeline.types';
import { eventBody, eventOf, publicIncident } from '../../../src/webhooks/event-body';
import { receiversOf } from '../../../src/webhooks/outbox-writer';
import type { Webhook } from '../../../src/webhooks/webhooks.config';
import { T0, anIncident } from '../../support/incident-fixture';

const c = { incidentId: 12, at: T0 + 60_000, actorId: 'UBOB' };

describe('the event a timeline entry is', () => {
  it.each([
    [
      entries.declared(c, {
        title: 'Checkout errors',
        severity: 'SEV1',
        commanderId: 'UBOB',
        impact: 'EU',
        isPrivate: false,
      }),
      'incident.declared',
      { title: 'Checkout errors', severity: 'SEV1', commanderId: 'UBOB', impact: 'EU' },
    ],
    [
      entries.statusUpdate(c, {
        from: 'investigating',
        to: 'identified',
        summary: 'Bad index',
        impact: 'EU',
        nextSteps: 'Rebuild',
        updateId: 3,
      }),
      'incident.updated',
      { from: 'investigating', to: 'identified', summary: 'Bad index', impact: 'EU', nextSteps: 'Rebuild' },
    ],
    [
      entries.severityChanged(c, { from: 'SEV2', to: 'SEV1', reason: 'Spreading' }),
      'incident.severity_changed',
      { from: 'SEV2', to: 'SEV1', reason: 'Spreading' },
    ],
    [
      entries.roleAssigned(c, { role: 'comms', roleName: 'Communications lead', from: null, to: 'UCAROL' }),
      'incident.role_assigned',
      { role: 'comms', roleName: 'Communications lead', from: null, to: 'UCAROL' },
    ],
    [
      entries.resolved(c, { from: 'monitoring', resolution: 'Rolled back', rootCause: null, declaredAt: T0 }),
      'incident.resolved',
      { from: 'monitoring', resolution: 'Rolled back', rootCause: null, durationMs: 60_000 },
    ],
    [
      entries.reopened(c, { reason: 'Back again', resolvedAt: T0, archiveWasDueAt: null }),
      'incident.reopened',
      { reason: 'Back again', previouslyResolvedAt: '2026-11-24T09:00:00.000Z' },
    ],
    [
      entries.followupAdded(c, { followupId: 4, ownerId: 'UCAROL', text: 'Add a canary' }),
      'followup.added',
      { followupId: 4, ownerId: 'UCAROL', text: 'Add a canary' },
    ],
    [
      entries.followupDone(c, { followupId: 4, text: 'Add a canary' }),
      'followup.done',
      { followupId: 4, text: 'Add a canary' },
    ],
    [
      entries.postmortemUploaded(c, { draft: false, fileName: 'postmortem-12.md' }),
      'postmortem.uploaded',
      { draft: false, fileName: 'postmortem-12.md' },
    ],
    [
      entries.statuspagePublished(c, {
        publicId: 'k3x9p2m4q8zt',
        updateId: 'a1b2c3d4e5f6',
        status: 'resolved',
        body: 'Payments work again.',
        components: [{ id: 'payments', status: 'operational' }],
      }),
      'statuspage.published',
      {
        publicId: 'k3x9p2m4q8zt',
        updateId: 'a1b2c3d4e5f6',
        status: 'resolved',
        body: 'Payments work again.',
        components: [{ id: 'payments', status: 'operational' }],
      },
    ],
  ])('%#: %j is %s', (entry, type, change) => {
    expect(eventOf(entry)).toEqual({ type, change });
  });

  it('is nothing for every other kind of entry (notes, messages, reminders, alerts, channel housekeeping)', () => {
    const heard = ['declared', 'status_update', 'severity_changed', 'role_assigned', 'resolved', 'reopened'];
    const silent = TIMELINE_KINDS.filter(
      (k) =>
        !heard.includes(k) &&
        !['followup_added', 'followup_done', 'postmortem_uploaded', 'statuspage_published'].includes(k),
    );
    expect(silent).toEqual(expect.arrayContaining(['note', 'message', 'reminder_sent', 'alert_firing', 'archived']));
    const events = silent.map((kind) => eventOf({ ...c, kind, data: {} } as unknown as NewTimelineEntry));
    expect(events).toEqual(silent.map(() => undefined));
  });
});

describe('the event body', () => {
  const incident = anIncident({ kickoffTs: '1.2', sourceViewId: 'V1', roles: { comms: 'UCAROL' }, lastUpdateAt: T0 });

  it('has the id, type, time, actor, the incident as it is now and what changed', () => {
    const entry = entries.severityChanged(c, { from: 'SEV2', to: 'SEV1', reason: 'Spreading' });
    const body = JSON.parse(
      eventBody({
        id: 'evt_1',
        type: 'incident.severity_changed',
        entry,
        incident,
        services: [{ id: 'payments', name: 'Payments API' }],
        change: { from: 'SEV2', to: 'SEV1' },
      }),
    );
    expect(body).toEqual({
      id: 'evt_1',
      type: 'incident.severity_changed',
      occurredAt: '2026-11-24T09:01:00.000Z',
      actorId: 'UBOB',
      incident: {
        id: 12,
        title: 'Checkout errors',
        severity: 'SEV1',
        status: 'investigating',
        impact: 'EU customers cannot pay',
        commanderId: 'UBOB',
        roles: { comms: 'UCAROL' },
        private: false,
        type: 'incident',
        declaredBy: 'UALICE',
        declaredAt: '2026-11-24T09:00:00.000Z',
        lastUpdateAt: '2026-11-24T09:00:00.000Z',
        resolvedAt: null,
        resolution: null,
        rootCause: null,
        channelId: 'CINC12',
        channelName: 'inc-12-checkout-errors',
        services: [{ id: 'payments', name: 'Payments API' }],
      },
      change: { from: 'SEV2', to: 'SEV1' },
    });
  });

  it('leaves out what only Commander uses (message timestamps, form ids, set-up and archive steps)', () => {
    const keys = Object.keys(publicIncident(incident));
    expect(keys.filter((k) => /Ts$|sourceViewId|setupDoneAt|archive/.test(k))).toEqual([]);
    expect(keys).toContain('channelId');
  });
});

describe('who receives an event', () => {
  const hook = (o: Partial<Webhook>): Webhook => ({
    url: 'https://a.example.com',
    secret: 'x'.repeat(16),
    private: false,
    timeout: 10_000,
    giveUpAfter: 86_400_000,
    ...o,
  });
  const all = hook({ url: 'https://all.example.com' });
  const some = hook({ url: 'https://some.example.com', events: ['incident.resolved'] });
  const secure = hook({ url: 'https://secure.example.com', private: true });

  it('every receiver that asked for the type; a private incident only those marked private', () => {
    expect(receiversOf([all, some, secure], 'incident.declared', false)).toEqual([all, secure]);
    expect(receiversOf([all, some, secure], 'incident.resolved', false)).toEqual([all, some, secure]);
    expect(receiversOf([all, some, secure], 'incident.resolved', true)).toEqual([secure]);
  });
});
