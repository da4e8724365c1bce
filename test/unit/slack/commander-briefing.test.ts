import { DEFAULT_POLICY } from '../../../src/config/policy';
import type { CommanderBriefing } from '../../../src/handoffs/commander-briefing';
import { commanderBriefingMessage } from '../../../src/slack/blocks/commander-briefing';
import type { TimelineEntry } from '../../../src/timeline/timeline.types';
import { anIncident } from '../../support/incident-fixture';

const AT = Date.UTC(2026, 10, 24, 10, 0);
const incident = anIncident({ title: 'Checkout <!channel>', commanderId: 'UBOB' });
const note = (id: number, source: string): TimelineEntry => ({
  id,
  incidentId: incident.id,
  at: AT - 60_000 * (60 - id),
  actorId: 'UALICE',
  kind: 'note',
  data: { source },
});
const briefing = (over: Partial<CommanderBriefing> = {}): CommanderBriefing => ({
  briefingId: 1,
  incident,
  commanderId: 'UBOB',
  at: AT,
  lastHour: [],
  followups: [],
  nextEscalation: null,
  nextUpdateDue: null,
  ...over,
});
const blocksOf = (b: CommanderBriefing) => commanderBriefingMessage(b, DEFAULT_POLICY).blocks ?? [];
const textOf = (b: CommanderBriefing) => JSON.stringify(blocksOf(b));

describe("the new commander's briefing message", () => {
  it('says when nothing is planned, changed or open', () => {
    const text = textOf(briefing());
    expect(text).toContain('No update reminder is planned.');
    expect(text).toContain('No escalation is planned.');
    expect(text).toContain('*What changed in the last hour*\\n_nothing_');
    expect(text).toContain('*Open follow-ups*\\n_none_');
  });

  it('tells a due update from an overdue one, and names the next escalation level', () => {
    expect(textOf(briefing({ nextUpdateDue: AT + 60_000 }))).toContain('Next update due <!date^');
    expect(textOf(briefing({ nextUpdateDue: AT - 60_000 }))).toContain('An update is overdue: it was due <!date^');
    const next = { number: 2, name: 'on-call manager', dueAt: AT + 600_000, unless: 'acknowledged' as const };
    expect(textOf(briefing({ nextEscalation: next as never }))).toContain('Next escalation: on-call manager <!date^');
  });

  it('escapes what people wrote, so it pings nobody, and shows the newest twelve entries of a busy hour', () => {
    const entries = Array.from({ length: 15 }, (_, i) => note(i + 1, `step ${i + 1} <!here>`));
    const text = textOf(briefing({ lastHour: entries }));
    expect(text).not.toContain('<!here>');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('step 15 @here');
    expect(text).not.toContain('step 3 ');
    expect(text).toContain('…3 earlier not shown');
    for (const block of blocksOf(briefing({ lastHour: entries })) as Array<{ text?: { text: string } }>)
      expect((block.text?.text ?? '').length).toBeLessThanOrEqual(3000);
  });
});
