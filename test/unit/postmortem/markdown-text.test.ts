import { escapeMarkdown, listItemText } from '../../../src/postmortem/markdown-text';
import { readableSlackText } from '../../../src/slack/text/slack-text';

const names = { person: (id: string) => ({ UALICE: 'alice', UBOB: 'bob' })[id] };

describe('readableSlackText', () => {
  it('shows mentions, channels, groups and links the way a reader saw them', () => {
    expect(
      readableSlackText(
        '<@UALICE> and <@UXYZ|zed> in <#C123|ops> ping <!subteam^S1|@sre> <!here> see <https://x.io/a|dash> &amp; <https://y.io>',
        names,
      ),
    ).toBe('@alice and @zed in #ops ping @sre @here see dash (https://x.io/a) & https://y.io');
  });

  it('keeps unknown ids readable as ids', () => {
    expect(readableSlackText('<@UNOBODY>', names)).toBe('@UNOBODY');
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['# Heading', '\\# Heading'],
    ['```\ncode\n```', '\\`\\`\\`\ncode\n\\`\\`\\`'],
    ['| a | b |', '\\| a \\| b \\|'],
    ['- item', '\\- item'],
    ['1. first', '1\\. first'],
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['[click](http://evil)', '\\[click\\](http://evil)'],
    ['**bold** _it_', '\\*\\*bold\\*\\* \\_it\\_'],
    ['===', '\\==='],
    ['a\u0000b', 'ab'],
    ['![img](x)', '\\!\\[img\\](x)'],
    ['text\n\n    indented\n\ttabbed', 'text\n\nindented\ntabbed'],
    ['  - indented item', '\\- indented item'],
  ])('keeps %p as text', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('keeps plain sentences, emoji and right-to-left text untouched', () => {
    expect(escapeMarkdown('Rolled back v1.2 — 🎉 שלום')).toBe('Rolled back v1.2 — 🎉 שלום');
  });
});

describe('listItemText', () => {
  it('indents continuation lines so a multi-line note stays inside its list item', () => {
    expect(listItemText('first\n# second\n- third')).toBe('first\n  \\# second\n  \\- third');
  });
});
