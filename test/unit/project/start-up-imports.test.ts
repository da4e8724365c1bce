import fs from 'node:fs';
import path from 'node:path';

const src = path.resolve(__dirname, '..', '..', '..', 'src');

/** Packages only some deployments or later requests need; start-up loads them when used (a `require`). */
const LOADED_WHEN_USED = ['pg', 'date-fns', 'date-fns-tz', 'yaml', 'prom-client'];

/** The modules a file loads as it is loaded: its value imports (type-only ones load nothing; requires run later). */
function valueImportsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)].filter((m) => !m[1]).map((m) => m[2]!);
}

function resolveLocal(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
}

/** The listener modules of each surface, required by the first request rather than at start-up. */
const SURFACES = ['actions', 'commands', 'events', 'shortcuts', 'views'].map((s) =>
  path.join(src, 'slack', 'listeners', s),
);

/** Every package, and every local file, that `roots` load as they are loaded. */
function loadedBy(roots: string[]): { packages: Map<string, string>; files: Set<string> } {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of valueImportsOf(file)) {
      if (specifier.startsWith('.')) {
        const local = resolveLocal(file, specifier);
        if (local) visit(local);
      } else if (!specifier.startsWith('node:')) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        if (!packages.has(name)) packages.set(name, path.relative(src, file));
      }
    }
  };
  for (const root of roots) visit(path.join(src, root));
  return { packages, files: seen };
}

describe('start-up', () => {
  it('does not load what only some deployments or later requests need', () => {
    const loaded = loadedBy(['main.ts']).packages;
    expect(loaded.has('@slack/bolt')).toBe(true);
    expect(LOADED_WHEN_USED.filter((p) => loaded.has(p)).map((p) => `${p} (imported by ${loaded.get(p)})`)).toEqual([]);
  });

  it('does not load the listener modules, which the first request loads', () => {
    const { files } = loadedBy(['main.ts']);
    const listeners = [...files].filter((f) => SURFACES.some((s) => f.startsWith(s + path.sep)));
    expect(listeners.map((f) => path.relative(src, f))).toEqual([]);
  });

  it("does not load the postmortem's renderers, which a resolve or an export loads", () => {
    const { files } = loadedBy(['main.ts']);
    const renderers = [...files].map((f) => path.relative(src, f)).filter((f) => /^postmortem\/render-/.test(f));
    expect(renderers).toEqual([]);
    // Not a rename that leaves nothing to find: the renderers are where postmortem.service.ts requires them.
    expect(fs.existsSync(path.join(src, 'postmortem', 'render-markdown.ts'))).toBe(true);
    expect(fs.readFileSync(path.join(src, 'postmortem', 'postmortem.service.ts'), 'utf8')).toContain(
      "require('./render-markdown')",
    );
  });

  it('does not load the alerts, which a configured source (or work one left) loads', () => {
    const { files } = loadedBy(['main.ts']);
    const alerts = [...files]
      .map((f) => path.relative(src, f))
      .filter((f) => (f.startsWith('alerts/') && f !== 'alerts/alerts.config.ts') || f === 'http/alert-endpoints.ts');
    expect(alerts).toEqual([]);
  });

  it("does not load the status page's server and renderers, which STATUS_PORT loads", () => {
    const { files, packages } = loadedBy(['main.ts']);
    const page = [...files]
      .map((f) => path.relative(src, f))
      .filter((f) => /^statuspage\/(server|snapshot|render-)/.test(f));
    expect(page).toEqual([]);
    expect(packages.has('xmlbuilder2')).toBe(false);
    expect(fs.readFileSync(path.join(src, 'app', 'commander.ts'), 'utf8')).toContain("require('../statuspage/server')");
  });
});
