import { escapeMrkdwn, fromSlackText, plain, safeMrkdwn, slackDate, truncate } from '../../../src/slack/blocks/text';

describe('text helpers', () => {
  it('truncate keeps short text and ends long text with an ellipsis within the limit', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('a'.repeat(20), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('truncate never splits an emoji', () => {
    const cut = truncate('🔥'.repeat(100), 11);
    expect(cut.length).toBeLessThanOrEqual(11);
    expect(cut).toBe(`${'🔥'.repeat(5)}…`);
  });

  it('escapeMrkdwn makes broadcast mentions, user mentions and links inert', () => {
    expect(escapeMrkdwn('<!channel> ping <@U123> <https://evil|click> & co')).toBe(
      '&lt;!channel&gt; ping &lt;@U123&gt; &lt;https://evil|click&gt; &amp; co',
    );
  });

  it('escapeMrkdwn drops NUL and control characters but keeps newlines and right-to-left text', () => {
    expect(escapeMrkdwn('a\u0000b\u0007c\nשלום')).toBe('abc\nשלום');
  });

  it('safeMrkdwn fits the escaped text in the limit even when escaping lengthens it', () => {
    const text = safeMrkdwn('<'.repeat(5000), 3000);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith('…')).toBe(true);
    expect(text).not.toContain('<');
  });

  it('plain collapses whitespace and never returns an empty string', () => {
    expect(plain('  a \n\t b  ', 10)).toBe('a b');
    expect(plain('   ', 10)).toBe('-');
  });

  it('slackDate renders in each reader’s zone with a fallback in the configured zone', () => {
    const ms = Date.UTC(2026, 2, 8, 7, 30);
    expect(slackDate(ms, 'America/New_York')).toBe(
      `<!date^${ms / 1000}^{date_short_pretty} at {time}|2026-03-08 03:30 EDT>`,
    );
    expect(slackDate(ms, 'UTC', '{time}')).toBe(`<!date^${ms / 1000}^{time}|2026-03-08 07:30 UTC>`);
  });

  it('fromSlackText turns escaped slash-command text back into what was typed', () => {
    expect(fromSlackText('DB down &amp; <@U123|bob> says &lt;500&gt;')).toBe('DB down & bob says <500>');
  });
});
