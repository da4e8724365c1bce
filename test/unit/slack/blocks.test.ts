import { DEFAULT_POLICY } from '../../../src/config/policy';
import type { Incident, StatusUpdate } from '../../../src/incidents/incident.types';
import { announcementMessage } from '../../../src/slack/blocks/announcement-message';
import { declaredView, declareModal } from '../../../src/slack/blocks/declare-modal';
import { ACTION, CALLBACK, FIELD } from '../../../src/slack/blocks/ids';
import { topicFor } from '../../../src/slack/blocks/incident-format';
import { kickoffMessage } from '../../../src/slack/blocks/kickoff-message';
import { mirroredUpdateMessage, statusUpdateMessage } from '../../../src/slack/blocks/status-update-message';
import { resolveModal, updateModal } from '../../../src/slack/blocks/update-modal';
import { anIncident, T0 } from '../../support/incident-fixture';
import { mrkdwnTexts } from '../../support/mrkdwn-texts';

const incident: Incident = anIncident({ kickoffTs: '1.000001' });
const update: StatusUpdate = {
  id: 1,
  incidentId: 12,
  requestKey: 'V1',
  status: 'identified',
  summary: 'Bad deploy of payments',
  impact: 'EU checkout failing',
  nextSteps: 'Roll back',
  authorId: 'UBOB',
  postedAt: T0 + 600_000,
  messageTs: null,
  mirrorTs: null,
};
const hostile = `<!channel> ${'🔥'.repeat(3000)} *bold* \u0000 \`\`\` # heading`;

const textOf = (blocks: unknown[]): string => JSON.stringify(blocks);

describe('the declare modal', () => {
  it('offers the configured ladder with descriptions, the title as typed and the declarer as commander', () => {
    const view = declareModal({ policy: DEFAULT_POLICY, title: 'DB down', commanderId: 'UALICE' });
    expect(view.callback_id).toBe(CALLBACK.declare);
    const json = textOf(view.blocks);
    expect(json).toContain('"initial_value":"DB down"');
    expect(json).toContain('"initial_user":"UALICE"');
    for (const s of DEFAULT_POLICY.severities) expect(json).toContain(`${s.id} · ${s.name}`);
    expect(json).toContain('Service down, data loss or security breach');
    expect(view.blocks.map((b) => b.block_id)).toEqual([
      FIELD.title,
      FIELD.severity,
      FIELD.type,
      FIELD.impact,
      FIELD.commander,
      FIELD.visibility,
    ]);
  });

  it('cuts a very long prefilled title to the field limit', () => {
    const view = declareModal({ policy: DEFAULT_POLICY, title: 'x'.repeat(10_000), commanderId: 'UALICE' });
    const title = (view.blocks[0] as any).element;
    expect(title.initial_value.length).toBeLessThanOrEqual(title.max_length);
  });

  it('the outcome view links the channel and lists problems in plain words', () => {
    const view = declaredView(incident, [{ step: 'announce', code: 'not_in_channel', detail: '' }]);
    const json = textOf(view.blocks);
    expect(json).toContain('<#CINC12>');
    expect(json).toContain('Announcing the incident failed: Commander is not a member of that channel');
  });
});

describe('the kick-off message', () => {
  it('shows title, severity, status, commander, impact and the update and resolve buttons', () => {
    const message = kickoffMessage(incident, DEFAULT_POLICY);
    const json = textOf(message.blocks);
    expect(json).toContain('#12 Checkout errors');
    expect(json).toContain('SEV1 · Critical');
    expect(json).toContain('Investigating');
    expect(json).toContain('<@UBOB>');
    expect(json).toContain('EU customers cannot pay');
    expect(json).toContain(ACTION.openUpdate);
    expect(json).toContain(ACTION.openResolve);
    expect(json).toContain(`Next update due <!date^${(T0 + 900_000) / 1000}^{time}`);
    expect(message.text).toContain('SEV1 incident #12 Checkout errors');
  });

  it('drops the buttons and shows the resolution once resolved', () => {
    const resolved = {
      ...incident,
      status: 'resolved' as const,
      resolvedAt: T0 + 5_400_000,
      resolution: 'Rolled back',
    };
    const json = textOf(kickoffMessage(resolved, DEFAULT_POLICY).blocks);
    expect(json).not.toContain(ACTION.openUpdate);
    expect(json).toContain('Resolved after 1h 30m');
    expect(json).toContain('Rolled back');
  });

  it('keeps hostile titles and impact inert and within Block Kit limits', () => {
    const message = kickoffMessage({ ...incident, title: hostile, impact: hostile }, DEFAULT_POLICY);
    const header = message.blocks[0] as any;
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    for (const block of message.blocks as any[]) {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
    expect(mrkdwnTexts(message.blocks).join(' ')).not.toMatch(/<!channel>/);
    expect(message.text).not.toMatch(/<!channel>/);
  });
});

describe('status update messages', () => {
  it('follow the runbook template: status, what changed, impact, next steps, author and next due time', () => {
    const withUpdate = { ...incident, status: 'identified' as const, lastUpdateAt: update.postedAt };
    const json = textOf(statusUpdateMessage(withUpdate, update, DEFAULT_POLICY).blocks);
    for (const part of ['Identified', 'Bad deploy of payments', 'EU checkout failing', 'Roll back', '<@UBOB>'])
      expect(json).toContain(part);
    expect(json).toContain(`Next update due <!date^${(update.postedAt + 900_000) / 1000}`);
  });

  it('the resolved message gives the duration, resolution and root cause', () => {
    const resolved = {
      ...incident,
      status: 'resolved' as const,
      resolvedAt: T0 + 4_980_000,
      resolution: 'Rolled back',
      rootCause: 'Bad config',
    };
    const json = textOf(
      statusUpdateMessage(resolved, { ...update, status: 'resolved', summary: 'Rolled back' }, DEFAULT_POLICY).blocks,
    );
    expect(json).toContain('Resolved* after *1h 23m');
    expect(json).toContain('Bad config');
  });

  it('no message lets a mention typed by a user ping anyone, in blocks or in the notification text', () => {
    const evil = { ...incident, title: '<!here> title', impact: '<!channel>' };
    const evilUpdate = { ...update, summary: '<!everyone>', impact: '<@U999>', nextSteps: '<!subteam^S1>' };
    for (const message of [
      statusUpdateMessage(evil, evilUpdate, DEFAULT_POLICY),
      mirroredUpdateMessage(evil, evilUpdate, DEFAULT_POLICY),
      announcementMessage(evil, DEFAULT_POLICY),
      kickoffMessage(evil, DEFAULT_POLICY),
    ]) {
      const texts = [message.text, ...mrkdwnTexts(message.blocks)].join(' ');
      expect(texts).not.toMatch(/<!(here|channel|everyone|subteam)|<@U999>/);
    }
  });

  it('the mirrored copy links back to the incident channel', () => {
    expect(textOf(mirroredUpdateMessage(incident, update, DEFAULT_POLICY).blocks)).toContain('<#CINC12>');
  });
});

describe('announcement and topic', () => {
  it('the announcement names severity, commander and the channel', () => {
    const json = textOf(announcementMessage(incident, DEFAULT_POLICY).blocks);
    expect(json).toContain('SEV1 · Critical incident declared');
    expect(json).toContain('<#CINC12>');
    expect(json).toContain('<@UBOB>');
  });

  it('the topic shows severity, status and commander in at most 250 characters', () => {
    expect(topicFor(incident, DEFAULT_POLICY)).toBe(
      'SEV1 · Critical | Investigating | Commander <@UBOB> | Checkout errors',
    );
    expect(topicFor({ ...incident, title: hostile }, DEFAULT_POLICY).length).toBeLessThanOrEqual(250);
    expect(topicFor({ ...incident, title: hostile }, DEFAULT_POLICY)).not.toContain('<!channel>');
  });
});

describe('update and resolve modals', () => {
  it('pre-select the current status and carry the incident in private metadata', () => {
    const view = updateModal({ ...incident, status: 'mitigating' });
    expect(JSON.parse(view.private_metadata as string)).toEqual({ incidentId: 12, channelId: 'CINC12' });
    expect(textOf(view.blocks)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Mitigating"');
    expect(resolveModal(incident).callback_id).toBe(CALLBACK.resolve);
  });

  it('offer only the four update statuses; Resolved has its own flow', () => {
    const select = (updateModal(incident).blocks[1] as any).element;
    expect(select.options.map((o: any) => o.value)).toEqual([
      'investigating',
      'identified',
      'mitigating',
      'monitoring',
    ]);
  });
});
