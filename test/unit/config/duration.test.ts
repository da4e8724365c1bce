import { formatDuration, parseDuration } from '../../../src/config/duration';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['7d', 604_800_000],
    [' 2m ', 120_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '15', '15 minutes', 'm', '0s', '-5m', '1.5h', '15M', 'm15'])('refuses %p', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('shows minutes and seconds for short incidents', () => {
    expect(formatDuration(125_000)).toBe('2m 5s');
  });
  it('drops seconds once an incident lasts an hour', () => {
    expect(formatDuration(3_600_000 + 23 * 60_000 + 9_000)).toBe('1h 23m');
  });
  it('shows days for long incidents', () => {
    expect(formatDuration(2 * 86_400_000 + 3_600_000)).toBe('2d 1h');
  });
  it('never shows a negative or empty duration', () => {
    expect(formatDuration(-5)).toBe('0s');
    expect(formatDuration(0)).toBe('0s');
  });
});
