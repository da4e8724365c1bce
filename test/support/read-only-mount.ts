import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs a command in its own user and mount namespace (`unshare -rm`) where `dir` is mounted
 * read-only: a real EROFS from the kernel, which a test running as root (as CI does) cannot get
 * from file modes, since root ignores them.
 */
export const readOnlyAt =
  (dir: string, how: 'empty' | 'as-is') =>
  (argv: string[]): string[] => {
    const mount =
      how === 'empty' ? 'mount -t tmpfs -o ro tmpfs "$D"' : 'mount --bind "$D" "$D" && mount -o remount,bind,ro "$D"';
    return ['unshare', '-rm', 'sh', '-c', `D=${JSON.stringify(dir)}; ${mount} && exec "$@"`, 'sh', ...argv];
  };

/** Whether this machine lets a process make a read-only mount in its own namespace. */
export function canMountReadOnly(): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-ro-probe-'));
  const [command, ...args] = readOnlyAt(dir, 'empty')(['true']);
  return spawnSync(command!, args).status === 0;
}
