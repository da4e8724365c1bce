import fs from 'node:fs';
import { ConfigError } from '../config/config.errors';
import { DEFAULT_DATABASE_PATH } from '../config/env';

/**
 * The database the command-line tools read: DATABASE_PATH (from the environment or .env), which
 * must already exist, since these tools never create one. They need no Slack tokens.
 */
export function existingDatabasePath(env: Record<string, string | undefined>): string {
  const file = env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
  if (!fs.existsSync(file)) throw new ConfigError(`No database at ${file}. Set DATABASE_PATH to Commander's database.`);
  return file;
}
