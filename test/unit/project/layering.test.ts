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
const DOMAIN = [
  'incidents',
  'digest',
  'reminders',
  'escalations',
  'followups',
  'timeline',
  'postmortem',
  'people',
  'oncall',
  'text',
  'alerts',
  'timers',
  'follows',
]
  .map((d) => path.join(src, d))
  .filter((d) => fs.existsSync(d));

/** Every folder of src/ that is not the Slack adapter, the store, the CLI or the composition root. */
const SLACK_FREE = [
  'incidents',
  'handoffs',
  'digest',
  'checklists',
  'rules',
  'trackers',
  'paging',
  'statuspage',
  'reminders',
  'escalations',
  'followups',
  'timers',
  'errors',
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
  'catalog',
  'web',
  'similar',
  'follows',
];
const OUTSIDE_DOMAIN = ['slack', 'store', 'cli', 'http', 'app'];
const slackImports = (f: string) =>
  importsOf(f).filter((i) => i.from.startsWith('@slack/') || /(^|\/)slack(\/|$)/.test(i.from));

describe('the import graph', () => {
  it('keeps @slack/* inside src/slack (and the composition root)', () => {
    const offenders = filesUnder(src)
      .filter((f) => !rel(f).startsWith('slack/') && !rel(f).startsWith('app/') && rel(f) !== 'main.ts')
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
    // Slack's <@U…>, <#C…>, <!here>; an HTML page's <!doctype> and <!-- comments --> are not Slack's.
    const markup = files.filter((f) => /<[@#]|<!(?!doctype|--)/i.test(fs.readFileSync(f, 'utf8'))).map(rel);
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

  it("keeps Slack's error codes in src/slack: the domain decides from ChatError's neutral fields", () => {
    const read = (f: string) => fs.readFileSync(f, 'utf8');
    const slackFiles = filesUnder(path.join(src, 'slack'));
    // Slack's codes: those the fake Slack answers with, those src/slack tolerates or matches, and a few well known.
    const fakeSlack = filesUnder(path.resolve(src, '..', 'test', 'support', 'fake-slack'));
    const codes = new Set([
      'already_archived',
      'name_taken',
      'ratelimited',
      'invalid_auth',
      'not_authed',
      'token_revoked',
    ]);
    for (const f of fakeSlack) for (const m of read(f).matchAll(/SlackApiError\('([a-z_]+)'/g)) codes.add(m[1]!);
    for (const f of slackFiles) {
      const text = read(f);
      for (const m of text.matchAll(/slackErrorCode\([^)]*\)\s*===\s*'([a-z_]+)'/g)) codes.add(m[1]!);
      for (const m of text.matchAll(/ignoreSlackErrors\(\w+((?:,\s*'[a-z_]+')+)\)/g))
        for (const c of m[1]!.matchAll(/'([a-z_]+)'/g)) codes.add(c[1]!);
    }
    expect(codes.size).toBeGreaterThan(40);
    expect([...codes]).toEqual(expect.arrayContaining(['already_archived', 'already_pinned', 'user_not_found']));
    const offenders = filesUnder(src)
      .filter((f) => !rel(f).startsWith('slack/'))
      .flatMap((f) => {
        const text = read(f);
        const found = [...codes].filter((c) => new RegExp(`['"\`]${c}['"\`]`).test(text));
        if (text.includes('slack_webapi_')) found.push('slack_webapi_');
        return found.map((c) => `${rel(f)} names ${c}`);
      });
    expect(offenders).toEqual([]);
  });

  it('makes every Slack adapter of a domain port with slackPort(), so none forgets the neutral errors', () => {
    // The domain's ports: interfaces named …Port or …Notifier, and whatever a *.port.ts file declares.
    const ports = new Set<string>();
    for (const f of filesUnder(src).filter((f) => !rel(f).startsWith('slack/'))) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/export interface (\w+)/g))
        if (/(Port|Notifier)$/.test(m[1]!) || f.endsWith('.port.ts')) ports.add(m[1]!);
    }
    expect([...ports]).toEqual(expect.arrayContaining(['ConversationPort', 'FollowThroughPort', 'AlertsPort']));
    // A Slack file that returns a port (`): ConversationPort {`, `): A & B {`) must make it with slackPort.
    const returnsPort = (text: string) =>
      [...text.matchAll(/\)\s*:\s*(\w+(?:\s*&\s*\w+)*)\s*\{/g)].some((m) =>
        m[1]!.split(/\s*&\s*/).some((t) => ports.has(t)),
      );
    const adapters = filesUnder(path.join(src, 'slack')).filter((f) => returnsPort(fs.readFileSync(f, 'utf8')));
    expect(adapters.length).toBeGreaterThanOrEqual(5);
    const offenders = adapters.filter((f) => !/\bslackPort<[^>]+>\(/.test(fs.readFileSync(f, 'utf8'))).map(rel);
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

  it('points dependencies one way: escalations and reminders use incidents, incidents use the timeline, never back', () => {
    const reaching = (folder: string, forbidden: RegExp) =>
      filesUnder(path.join(src, folder)).flatMap((f) =>
        importsOf(f)
          .filter((i) => forbidden.test(i.from))
          .map((i) => `${rel(f)} imports ${i.from}`),
      );
    expect(reaching('incidents', /(^|\/)(reminders|escalations|followups|jobs|app)\//)).toEqual([]);
    expect(reaching('timeline', /(^|\/)(incidents|reminders|escalations|followups|postmortem|jobs|app)\//)).toEqual([]);
    // Reminders climb the ladder through a function they are given, not by importing escalations.
    expect(reaching('reminders', /(^|\/)(escalations|jobs|app)\//)).toEqual([]);
    // The machinery of timed work knows no domain: jobs declare their work, timers run it.
    expect(
      reaching('timers', /(^|\/)(incidents|reminders|escalations|followups|postmortem|alerts|jobs|app|slack)\//),
    ).toEqual([]);
  });

  it('keeps src/slack to its transport, adapters, text, Block Kit builders and listeners', () => {
    const entries = fs.readdirSync(path.join(src, 'slack')).sort();
    expect(entries).toEqual(['adapters', 'blocks', 'listeners', 'text', 'transport']);
  });
});
