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
  for (const m of text.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) found.push({ from: m[2]!, typeOnly: !!m[1] });
  for (const m of text.matchAll(/require\('([^']+)'\)/g)) found.push({ from: m[1]!, typeOnly: false });
  return found;
}

const rel = (file: string) => path.relative(src, file);
const DOMAIN = ['incidents', 'reminders', 'timeline', 'oncall', 'alerts'].map((d) => path.join(src, d)).filter((d) => fs.existsSync(d));

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
        .filter((i) => /^(@slack\/|better-sqlite3|node-cron)/.test(i.from) || /\/slack\//.test(i.from) || (/\/store(\/|$)/.test(i.from) && !i.typeOnly))
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
});
