import { incidentChannelName, slugify } from '../../../src/incidents/channel-name';

const SLACK_RULE = /^[a-z0-9_-]{1,80}$/;

describe('slugify', () => {
  it('lower-cases and hyphenates', () => {
    expect(slugify('Checkout API: 500s for EU!')).toBe('checkout-api-500s-for-eu');
  });
  it('folds accents', () => {
    expect(slugify('Café Zürich déjà vu')).toBe('cafe-zurich-deja-vu');
  });
  it('gives an empty slug for scripts it cannot fold', () => {
    expect(slugify('データベース障害')).toBe('');
    expect(slugify('🔥🔥🔥')).toBe('');
  });
});

describe('incidentChannelName', () => {
  it('is <prefix>-<number>-<slug>', () => {
    expect(incidentChannelName('inc', 12, 'Database latency spike')).toBe('inc-12-database-latency-spike');
  });

  it('still gives a valid name for non-Latin titles', () => {
    expect(incidentChannelName('inc', 7, 'データベース障害')).toBe('inc-7');
  });

  it('keeps to 80 characters, cutting on a word boundary', () => {
    const name = incidentChannelName('inc', 123, 'word '.repeat(40));
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^inc-123-word(-word)*$/);
  });

  it('adds a suffix when the name is taken, and keeps the limit with it', () => {
    expect(incidentChannelName('inc', 3, 'db', 1)).toBe('inc-3-db-2');
    expect(incidentChannelName('inc', 3, 'x'.repeat(200), 4).length).toBeLessThanOrEqual(80);
    expect(incidentChannelName('inc', 3, 'x'.repeat(200), 4)).toMatch(/-5$/);
  });

  it.each([
    'Ünïcödé',
    '<!channel> DROP TABLE incidents;--',
    '\u0000\u202Eevil',
    '__init__',
    '-- --',
    'a'.repeat(500),
    'שגיאה בשרת',
  ])('always satisfies Slack channel-name rules for %p', (title) => {
    expect(incidentChannelName('inc', 99999, title)).toMatch(SLACK_RULE);
    expect(incidentChannelName('inc', 99999, title, 3)).toMatch(SLACK_RULE);
  });
});
