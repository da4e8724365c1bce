import { cutText, shortened } from '../../../src/text/cut-text';

describe('cutting text to a length', () => {
  it('keeps text that fits as it is', () => {
    expect(cutText('Checkout down', 13)).toBe('Checkout down');
    expect(shortened('Checkout down', 13)).toBe('Checkout down');
  });

  it('never leaves half an emoji, a flag without its other half, or a letter without its accent', () => {
    expect(cutText('ab🔥', 3)).toBe('ab');
    expect(cutText('a🇬🇧', 4)).toBe('a');
    expect(cutText('ae\u0301', 2)).toBe('a');
    expect(cutText('a👩‍👩‍👧 family', 6)).toBe('a');
    expect(shortened('ab🔥cd', 4)).toBe('ab…');
  });

  it('cuts a single grapheme longer than the room on code points rather than giving nothing', () => {
    const zalgo = `e${'\u0301'.repeat(20)}`;
    expect(cutText(zalgo, 5)).toBe(zalgo.slice(0, 5));
    expect(cutText(`😀${'\u0301'.repeat(5)}`, 3)).toBe('😀\u0301');
  });

  it('results are never longer than asked, in UTF-16 units', () => {
    const text = 'x🔥🇬🇧é👩‍👩‍👧'.repeat(20);
    for (let max = 0; max < 60; max++) {
      expect(cutText(text, max).length).toBeLessThanOrEqual(max);
      expect(text.startsWith(cutText(text, max))).toBe(true);
      expect(cutText(text, max)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });
});
