import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Runs `script` in a fresh Node (jest's module registry is not require's cache) and returns its JSON. */
function inFreshNode(script: string): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['-r', './scripts/register-ts.js', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

const LOADED_LOCALES = `Object.keys(require.cache).filter((f) => /zod.v4.locales.[^/]+\\.cjs$/.test(f) && require.cache[f].loaded && !f.endsWith('index.cjs')).map((f) => require('path').basename(f))`;

describe('deferring zod’s locales at start-up', () => {
  test('zod validates in English without reading any other locale', () => {
    const result = inFreshNode(`
      require('./src/defer-zod-locales');
      const { z } = require('zod');
      const message = z.object({ name: z.string() }).safeParse({ name: 1 }).error.issues[0].message;
      console.log(JSON.stringify({ message, loaded: ${LOADED_LOCALES} }));
    `);
    expect(result.message).toBe('Invalid input: expected string, received number');
    expect(result.loaded).toEqual(['en.cjs']);
  });

  test('a locale asked for by name still loads and works', () => {
    const result = inFreshNode(`
      require('./src/defer-zod-locales');
      const { z } = require('zod');
      z.config(z.locales.de());
      const message = z.string().safeParse(1).error.issues[0].message;
      console.log(JSON.stringify({ message, names: Object.keys(z.locales).length }));
    `);
    expect(result.message).toMatch(/Ungültige Eingabe/);
    expect(result.names).toBeGreaterThan(40);
  });

  test('without the deferral zod reads every locale, which is what it saves', () => {
    const result = inFreshNode(`
      require('zod');
      console.log(JSON.stringify({ loaded: ${LOADED_LOCALES} }));
    `);
    expect((result.loaded as string[]).length).toBeGreaterThan(40);
  });
});
