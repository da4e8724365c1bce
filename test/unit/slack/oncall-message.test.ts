import { DEFAULT_POLICY } from '../../../src/config/policy';
import type { RotationNow } from '../../../src/oncall/rotation';
import { declareModal } from '../../../src/slack/blocks/declare-modal';
import { FIELD } from '../../../src/slack/blocks/ids';
import { NO_ROTATION_TEXT, oncallMessage } from '../../../src/slack/blocks/oncall-message';

const NEXT = Date.UTC(2026, 10, 30, 9, 0);
const platform: RotationNow = {
  name: 'platform',
  timezone: 'UTC',
  primary: 'UA',
  secondary: 'UB',
  next: { primary: 'UB', at: NEXT },
  override: null,
};
const json = (value: unknown) => JSON.stringify(value);

describe('the on-call message', () => {
  it('names primary, secondary and the next primary, with the hand-off as a Slack date', () => {
    const message = oncallMessage([platform]);
    const text = json(message.blocks);
    expect(text).toContain('Primary: <@UA>');
    expect(text).toContain('Secondary: <@UB>');
    expect(text).toContain(`Next: <@UB> takes over <!date^${NEXT / 1000}^`);
    expect(message.text).toBe('Who is on call: platform');
  });

  it('shows an override in force and whom it covers, until when', () => {
    const until = Date.UTC(2026, 10, 26, 0, 0);
    const text = json(
      oncallMessage([{ ...platform, primary: 'UD', override: { user: 'UD', covering: 'UA', until } }]).blocks,
    );
    expect(text).toContain(`Primary: <@UD> (covering for <@UA> until <!date^${until / 1000}^`);
  });

  it('marks the rotation incidents use when there are several, and escapes rotation names', () => {
    const text = json(
      oncallMessage([
        { ...platform, name: '<!channel> ops' },
        { ...platform, name: 'data' },
      ]).blocks,
    );
    expect(text).toContain('&lt;!channel&gt; ops* · used for incidents');
    expect(text).not.toContain('<!channel>');
  });

  it('says how to configure a rotation when there is none', () => {
    const message = oncallMessage([]);
    expect(json(message.blocks)).toContain(NO_ROTATION_TEXT);
    expect(NO_ROTATION_TEXT).toContain('`oncall`');
  });
});

describe('the declare modal with a rotation', () => {
  it('pre-selects the given commander and says which rotation they are on call for', () => {
    const view = declareModal({ policy: DEFAULT_POLICY, title: '', commanderId: 'UA', onCallRotation: 'platform' });
    const commander = view.blocks.find((b) => b.block_id === FIELD.commander) as any;
    expect(commander.element.initial_user).toBe('UA');
    expect(commander.hint.text).toMatch(/^On call now for platform\. /);
  });
});
