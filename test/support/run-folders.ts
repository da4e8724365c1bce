import fs from 'node:fs';
import path from 'node:path';

/**
 * Folders a test run makes under the shared temp folder, each marked with the pid of the run that
 * owns it. A run removes its own at its end; one killed before that leaves a folder whose owner is
 * gone, which the next run sweeps. So what a run leaves never outlives it for long, and never ties
 * a later run, in this clone or another, to it.
 */
const OWNER_FILE = 'owner.pid';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A folder of this run's own: `tmpRoot/<prefix>XXXXXX`, private to root unless opened up. */
export function makeRunFolder(tmpRoot: string, prefix: string): string {
  const folder = fs.mkdtempSync(path.join(tmpRoot, prefix));
  fs.writeFileSync(path.join(folder, OWNER_FILE), String(process.pid));
  return folder;
}

/**
 * Whether a folder can go: its run has ended, or (for folders made before runs marked them) one of
 * the links it holds points at something deleted since.
 */
function isStale(folder: string, linksIn: string): boolean {
  try {
    const owner = Number(fs.readFileSync(path.join(folder, OWNER_FILE), 'utf8'));
    return !(Number.isInteger(owner) && owner > 0 && processAlive(owner));
  } catch {
    const links = path.join(folder, linksIn);
    if (!fs.existsSync(links)) return true;
    return fs.readdirSync(links).some((name) => !fs.existsSync(path.join(links, name)));
  }
}

/** Removes the folders named `<prefix>…` under tmpRoot that earlier runs left behind; says which. */
export function removeStaleRunFolders(tmpRoot: string, prefix: string, linksIn = '.'): string[] {
  const removed: string[] = [];
  for (const name of fs.readdirSync(tmpRoot)) {
    if (!name.startsWith(prefix)) continue;
    const folder = path.join(tmpRoot, name);
    if (!isStale(folder, linksIn)) continue;
    fs.rmSync(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}
