import {
  changedLines,
  type Names,
  oneLine,
  plainText,
  renderBlock,
  renderMessage,
  renderModal,
} from '../../demo/transcript';

const names: Names = {
  user: (id) => ({ UBOB: 'bob', UALICE: 'alice' })[id],
  channel: (id) => ({ CINC1: 'inc-1-checkout' })[id],
};

describe('plainText', () => {
  it('turns mentions and channel links into the names people see', () => {
    expect(plainText('<@UBOB> is leading in <#CINC1>', names)).toBe('@bob is leading in #inc-1-checkout');
  });

  it('uses the label Slack sent along when the name is unknown, else the id', () => {
    expect(plainText('<@UCAROL|carol> and <@UDAN> in <#CX|ops>', names)).toBe('@carol and @UDAN in #ops');
  });

  it('shows a date by its fallback text', () => {
    expect(plainText('due <!date^1796162400^{time}|2026-12-01 22:00 UTC>', names)).toBe('due 2026-12-01 22:00 UTC');
  });

  it('shows broadcasts, user groups and links as Slack does', () => {
    expect(
      plainText('<!here> <!subteam^S1|@oncall> <!subteam^S2> <https://x.test/a|the runbook> <https://x.test/b>'),
    ).toBe('@here @oncall @S2 the runbook (https://x.test/a) https://x.test/b');
  });

  it('restores escaped characters only after reading the syntax, so escaped text never becomes a mention', () => {
    expect(plainText('a &lt;@UBOB&gt; &amp;&amp; b', names)).toBe('a <@UBOB> && b');
  });

  it('drops bold, italic and strike markers but keeps the words, also around a mention', () => {
    expect(plainText('*Status* _unassigned_ ~old~ *<@UBOB> leads*', names)).toBe('Status unassigned old @bob leads');
  });

  it('leaves asterisks and underscores inside words alone', () => {
    expect(plainText('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
  });
});

describe('renderBlock', () => {
  it('writes a header in capitals', () => {
    expect(renderBlock({ type: 'header', text: { type: 'plain_text', text: 'Incident #1' } })).toEqual(['INCIDENT #1']);
  });

  it('writes a section’s text and each "*Label*\\nvalue" field as one "Label: value" line', () => {
    const block = {
      type: 'section',
      text: { type: 'mrkdwn', text: 'Line one\nLine two' },
      fields: [
        { type: 'mrkdwn', text: '*Commander*\n<@UBOB>' },
        { type: 'mrkdwn', text: '*Roles*\ncomms\nscribe' },
      ],
    };
    expect(renderBlock(block, names)).toEqual(['Line one', 'Line two', 'Commander: @bob', 'Roles', 'comms', 'scribe']);
  });

  it('joins a context’s text elements on one line and leaves images out', () => {
    const block = {
      type: 'context',
      elements: [
        { type: 'image', image_url: 'x', alt_text: 'x' },
        { type: 'mrkdwn', text: 'by <@UALICE>' },
        { type: 'plain_text', text: 'now' },
      ],
    };
    expect(renderBlock(block, names)).toEqual(['by @alice  now']);
  });

  it('shows actions as bracketed button labels', () => {
    const block = {
      type: 'actions',
      elements: [
        { type: 'button', text: { type: 'plain_text', text: 'Post update' }, action_id: 'a' },
        { type: 'button', text: { type: 'plain_text', text: 'Resolve' }, action_id: 'b' },
      ],
    };
    expect(renderBlock(block)).toEqual(['[Post update] [Resolve]']);
  });

  it('shows an input as its label and a blank, or the value it starts with', () => {
    const empty = {
      type: 'input',
      label: { type: 'plain_text', text: 'What changed?' },
      element: { type: 'plain_text_input' },
    };
    const optional = {
      type: 'input',
      optional: true,
      label: { type: 'plain_text', text: 'Root cause' },
      element: { type: 'plain_text_input' },
    };
    const prefilled = {
      type: 'input',
      label: { type: 'plain_text', text: 'Title' },
      element: { type: 'plain_text_input', initial_value: 'Checkout down' },
    };
    const person = {
      type: 'input',
      label: { type: 'plain_text', text: 'Commander' },
      element: { type: 'users_select', initial_user: 'UBOB' },
    };
    const chosen = {
      type: 'input',
      label: { type: 'plain_text', text: 'Status' },
      element: {
        type: 'static_select',
        initial_option: { text: { type: 'plain_text', text: 'Identified' }, value: 'identified' },
      },
    };
    expect([empty, optional, prefilled, person, chosen].flatMap((b) => renderBlock(b, names))).toEqual([
      'What changed?: ____',
      'Root cause (optional): ____',
      'Title: Checkout down',
      'Commander: @bob',
      'Status: Identified',
    ]);
  });

  it('leaves out block types it does not know, as older Slack clients do', () => {
    expect(renderBlock({ type: 'video' })).toEqual([]);
  });
});

describe('messages and modals', () => {
  it('shows a message’s blocks when it has any, else its text', () => {
    expect(renderMessage({ text: 'fallback', blocks: [{ type: 'divider' }] })).toEqual(['───']);
    expect(renderMessage({ text: 'Hi <@UBOB>\nthere' }, names)).toEqual(['Hi @bob', 'there']);
  });

  it('shows a modal’s title, blocks and its buttons', () => {
    const view = {
      type: 'modal',
      title: { type: 'plain_text', text: 'Resolve #1' },
      submit: { type: 'plain_text', text: 'Resolve' },
      close: { type: 'plain_text', text: 'Cancel' },
      blocks: [
        {
          type: 'input',
          label: { type: 'plain_text', text: 'How was it resolved?' },
          element: { type: 'plain_text_input' },
        },
      ],
    };
    expect(renderModal(view)).toEqual(['«Resolve #1»', 'How was it resolved?: ____', '[Cancel] [Resolve]']);
  });

  it('shows an edit by the lines it changed, squeezed onto one line', () => {
    const before = ['#1 CHECKOUT', 'Status: Investigating', 'Commander: @bob'];
    const after = ['#1 CHECKOUT', 'Status: Identified', 'Commander: @bob', '───'];
    expect(changedLines(before, after)).toEqual(['Status: Identified', '───']);
    expect(oneLine(changedLines(before, after))).toBe('Status: Identified');
    expect(oneLine(['a'.repeat(20), 'b'.repeat(20)], 30)).toBe(`${'a'.repeat(20)} · bbbbbb…`);
  });
});
