import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const dockerignore = fs
  .readFileSync(path.join(root, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim());

/** Instructions with continuation lines joined, comments dropped, grouped by stage. */
function stages(text: string): Array<{ name: string; from: string; lines: string[] }> {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const found: Array<{ name: string; from: string; lines: string[] }> = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) found.push({ from: from[1]!, name: from[2] ?? String(found.length), lines: [] });
    else found.at(-1)?.lines.push(line);
  }
  return found;
}

const all = stages(dockerfile);
const runtime = all.at(-1)!;
/** The image a stage finally rests on, following FROM <earlier stage>. */
const baseImage = (name: string): string => {
  const stage = all.find((s) => s.name === name);
  return stage ? baseImage(stage.from) : name;
};

describe('the Dockerfile', () => {
  it('builds in its own stage and runs from a slim image', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.some((s) => s !== runtime && s.lines.some((l) => /npm run build/.test(l)))).toBe(true);
    expect(baseImage(runtime.name)).toMatch(/^node:.*-slim$/);
  });

  it('gives the runtime only production dependencies, built on the same base image', () => {
    const copy = runtime.lines.find((l) => /^COPY --from=\S+ .*node_modules/.test(l));
    const source = /--from=(\S+)/.exec(copy ?? '')?.[1];
    const deps = all.find((s) => s.name === source);
    expect(deps?.lines.join('\n')).toMatch(/npm ci --omit=dev --ignore-scripts/);
    expect(deps?.lines.join('\n')).toMatch(/npm rebuild better-sqlite3/);
    expect(baseImage(source!)).toBe(baseImage(runtime.name));
  });

  it('runs as a non-root user, keeps the database on a volume and checks /healthz', () => {
    const user = runtime.lines.find((l) => l.startsWith('USER '));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER\s+(root|0)(:|$)/);
    expect(runtime.lines.join('\n')).toMatch(/DATABASE_PATH=\/data\/commander\.db/);
    expect(runtime.lines).toContain('VOLUME /data');
    expect(runtime.lines.find((l) => l.startsWith('HEALTHCHECK'))).toMatch(/CMD \["node", .*\/healthz/);
    expect(runtime.lines.at(-1)).toBe('CMD ["node", "dist/main.js"]');
  });

  it('ships the migrations, which are found next to dist/ at run time', () => {
    expect(runtime.lines).toContain('COPY migrations ./migrations');
  });

  it('keeps secrets, local databases and installed modules out of the build context', () => {
    for (const entry of ['.env', '*.db', 'node_modules/', '.git']) expect(dockerignore).toContain(entry);
  });
});
