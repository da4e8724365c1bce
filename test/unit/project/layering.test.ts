import fs from 'node:fs';
import path from 'node:path';

const src = path.resolve(__dirname, '..', '..', '..', 'src');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** [specifier, type-only] for every import and require in a file. */
function importsOf(file: string): Array<{ from: string; typeOnly: boolean }> {
  const text = fs.readFileSync(file, 'utf8');
  const found: Array<{ from: string; typeOnly: boolean }> = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm))
    found.push({ from: m[2]!, typeOnly: !!m[1] });
  for (const m of text.matchAll(/require\('([^']+)'\)/g)) found.push({ from: m[1]!, typeOnly: false });
  return found;
}

const rel = (file: string) => path.relative(src, file);
const DOMAIN = ['incidents', 'reminders', 'timeline', 'postmortem', 'people', 'oncall', 'text', 'alerts']
  .map((d) => path.join(src, d))
  .filter((d) => fs.existsSync(d));

/** Every folder of src/ that is not the Slack adapter, the store, the CLI or the composition root. */
const SLACK_FREE = [
  'incidents',
  'reminders',
  'timeline',
  'postmortem',
  'people',
  'oncall',
  'config',
  'text',
  'jobs',
  'alerts',
  'signing',
  'metrics',
  'webhooks',
];
const OUTSIDE_DOMAIN = ['slack', 'store', 'cli', 'http', 'compose'];
const slackImports = (f: string) =>
  importsOf(f).filter((i) => i.from.startsWith('@slack/') || /(^|\/)slack(\/|$)/.test(i.from));

describe('the import graph', () => {
  it('keeps @slack/* inside src/slack (and the composition root)', () => {
    const offenders = filesUnder(src)
      .filter((f) => !rel(f).startsWith('slack/') && !['app.ts', 'main.ts'].includes(rel(f)))
      .filter((f) => importsOf(f).some((i) => i.from.startsWith('@slack/')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('keeps the domain free of Slack, SQLite drivers and cron', () => {
    const offenders = DOMAIN.flatMap(filesUnder).flatMap((f) =>
      importsOf(f)
        .filter(
          (i) =>
            /^(@slack\/|better-sqlite3|node-cron)/.test(i.from) ||
            /\/slack\//.test(i.from) ||
            (/\/store(\/|$)/.test(i.from) && !i.typeOnly),
        )
        .map((i) => `${rel(f)} imports ${i.from}`),
    );
    expect(offenders).toEqual([]);
  });

  it('lets only the store open the database', () => {
    const offenders = filesUnder(src)
      .filter((f) => !rel(f).startsWith('store/'))
      .filter((f) => importsOf(f).some((i) => i.from === 'better-sqlite3'))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('keeps every domain folder free of Slack: no Slack import, no Slack markup written', () => {
    const folders = fs
      .readdirSync(src, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    // A new folder must say which side it is on.
    expect(folders.filter((d) => !SLACK_FREE.includes(d) && !OUTSIDE_DOMAIN.includes(d))).toEqual([]);
    const files = SLACK_FREE.map((d) => path.join(src, d))
      .filter((d) => fs.existsSync(d))
      .flatMap(filesUnder);
    expect(files.length).toBeGreaterThan(40);
    const offenders = files.flatMap((f) => slackImports(f).map((i) => `${rel(f)} imports ${i.from}`));
    expect(offenders).toEqual([]);
    const markup = files.filter((f) => /<[@#!]/.test(fs.readFileSync(f, 'utf8'))).map(rel);
    expect(markup).toEqual([]);
  });

  it('keeps the store from reaching Slack', () => {
    const offenders = filesUnder(path.join(src, 'store')).flatMap((f) =>
      slackImports(f).map((i) => `${rel(f)} imports ${i.from}`),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps the drivers' error codes in the store: everything else reads its StorageErrors", () => {
    // SQLite's result codes, and PostgreSQL's SQLSTATEs written as the 5-character strings pg hands over.
    const driverCode = /SQLITE_|'(?=[0-9A-Z]{5}')(?![0-9]{5}')[0-9][0-9A-Z]{4}'/;
    const offenders = filesUnder(src)
      .filter((f) => !rel(f).startsWith('store/'))
      .filter((f) => driverCode.test(fs.readFileSync(f, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('keeps the Block Kit builders pure: slack/blocks imports no service, store or client', () => {
    const offenders = filesUnder(path.join(src, 'slack', 'blocks')).flatMap((f) =>
      importsOf(f)
        .filter(
          (i) =>
            /\.service$|\/store(\/|$)|@slack\/(web-api|bolt)$/.test(i.from) &&
            !(i.typeOnly && /@slack\/(web-api|bolt)$/.test(i.from)),
        )
        .map((i) => `${rel(f)} imports ${i.from}`),
    );
    expect(offenders).toEqual([]);
  });

  it('points dependencies one way: reminders use incidents, incidents use the timeline, never back', () => {
    const reaching = (folder: string, forbidden: RegExp) =>
      filesUnder(path.join(src, folder)).flatMap((f) =>
        importsOf(f)
          .filter((i) => forbidden.test(i.from))
          .map((i) => `${rel(f)} imports ${i.from}`),
      );
    expect(reaching('incidents', /(^|\/)(reminders|jobs)\//)).toEqual([]);
    expect(reaching('timeline', /(^|\/)(incidents|reminders|postmortem|jobs)\//)).toEqual([]);
  });
});
