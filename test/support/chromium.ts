import fs from 'node:fs';
import path from 'node:path';

const NAMES = ['chromium', 'chromium-browser'];

/**
 * The system's Chromium (Debian's `chromium` package; browsers downloaded by npm cannot be fetched
 * where CI runs): CHROMIUM_PATH when set, else the first of its usual names on PATH.
 */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean))
    for (const name of NAMES) {
      const file = path.join(dir, name);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return file;
      } catch {
        // not here; the next one
      }
    }
  return undefined;
}
