import { maintenanceConfirmation, maintenanceStep } from '../../../src/slack/blocks/maintenance-messages';
import { maintenanceModal } from '../../../src/slack/blocks/maintenance-modal';
import type { Maintenance } from '../../../src/statuspage/statuspage.types';
import { errorsIn } from '../../support/fake-slack/validate-common';
import { validateBlocks } from '../../support/fake-slack/validate-blocks';
import { validateView } from '../../support/fake-slack/validate-view';

const START = Date.UTC(2026, 10, 24, 10, 0);
const words = {
  components: [
    { id: 'payments', name: 'Payments', group: 'Checkout', position: 1 },
    { id: 'api', name: 'API', group: null, position: 2 },
  ],
  timezone: 'Europe/London',
};
const window = (over: Partial<Maintenance> = {}): Maintenance => ({
  id: 1,
  publicId: 'm1n2o3p4q5r6',
  title: 'Database upgrade',
  message: 'Payments may be slow.',
  components: ['payments', 'api'],
  startsAt: START,
  endsAt: START + 3_600_000,
  state: 'scheduled',
  createdAt: START - 86_400_000,
  updatedAt: START - 86_400_000,
  nextAt: START,
  createdBy: 'UALICE',
  closedBy: null,
  told: null,
  notice: null,
  ...over,
});
const text = (message: { text: string; blocks: unknown[] } | null) => JSON.stringify(message);
const buttons = (m: Maintenance) =>
  maintenanceConfirmation(m, words)
    .blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []))
    .map((e) => (e as { action_id?: string }).action_id);

describe('maintenance messages', () => {
  it('the confirmation offers Cancel before the start, End now while under way, and nothing once it is over', () => {
    expect(buttons(window())).toEqual(['maintenance_cancel']);
    expect(buttons(window({ state: 'in_progress' }))).toEqual(['maintenance_end_now']);
    expect(buttons(window({ state: 'completed' }))).toEqual([]);
    expect(buttons(window({ state: 'cancelled', closedBy: 'UBOB' }))).toEqual([]);
  });

  it('names the components by their public names, the times in each reader’s zone, and who did what', () => {
    const scheduled = text(maintenanceConfirmation(window(), words));
    expect(scheduled).toContain('Payments, API');
    expect(scheduled).toContain(`<!date^${START / 1000}^{date_short_pretty} at {time}|`);
    expect(scheduled).toContain('Scheduled by <@UALICE>');
    expect(text(maintenanceConfirmation(window({ state: 'cancelled', closedBy: 'UBOB' }), words))).toContain(
      'Cancelled by <@UBOB>',
    );
    expect(text(maintenanceStep(window({ state: 'completed', closedBy: 'UBOB' }), words))).toContain(
      'was ended early by <@UBOB>',
    );
    expect(text(maintenanceStep(window({ state: 'completed' }), words))).toContain('is over');
    expect(maintenanceStep(window(), words)).toBeNull();
  });

  it('escapes what was typed, so a title cannot mention anyone', () => {
    const m = window({ title: 'Upgrade <!channel> & <@UEVE>', message: '<!here> *now*' });
    const all = text(maintenanceConfirmation(m, words)) + text(maintenanceStep({ ...m, state: 'in_progress' }, words));
    expect(all).not.toMatch(/<!channel>|<!here>|<@UEVE>/);
  });

  it('are blocks Slack accepts, and so is the form', () => {
    for (const state of ['scheduled', 'in_progress', 'completed', 'cancelled'] as const) {
      const m = window({ state, closedBy: state === 'cancelled' ? 'UBOB' : null });
      expect(errorsIn(validateBlocks(maintenanceConfirmation(m, words).blocks, 'message'))).toEqual([]);
      const step = maintenanceStep(m, words);
      if (step) expect(errorsIn(validateBlocks(step.blocks, 'message'))).toEqual([]);
    }
    const form = maintenanceModal({ components: words.components, tz: 'America/New_York', now: START + 1_234 });
    expect(errorsIn(validateView(form, 'modal'))).toEqual([]);
    // The pickers start at the next full hour, for an hour.
    expect(JSON.stringify(form)).toContain(`"initial_date_time":${(START + 3_600_000) / 1000}`);
    expect(JSON.stringify(form)).toContain('America/New_York');
  });
});
