import { systemClock } from '../clock';
import { withDotEnv } from '../config/env';
import { loadPolicy } from '../config/policy';
import { createPostmortemService } from '../postmortem/postmortem.service';
import { slackText } from '../slack/slack-text';
import { createStore, type Store } from '../store';
import { openDatabase } from '../store/db';
import { createPostgresStore } from '../store/postgres';
import { createPool } from '../store/postgres/pool';
import { existingDatabasePath } from './database-path';
import { parseExportArgs, USAGE } from './export-args';
import { writeFile, writeStdout } from './output';

/**
 * `npm run export -- <incident> [--format md|json] [--out FILE]`: the postmortem without Slack.
 * Needs only DATABASE_PATH or DATABASE_URL (and COMMANDER_CONFIG when used); safe while the app
 * runs (WAL readers on SQLite, plain reads on PostgreSQL). It never migrates: it only reads.
 */
async function main(): Promise<number> {
  const args = parseExportArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const env = withDotEnv(process.env);
  const source = openSource(env);
  try {
    const policy = loadPolicy(env.COMMANDER_CONFIG || undefined);
    const postmortem = createPostmortemService({ store: source.store, policy, clock: systemClock, chat: slackText });
    const pieces = await postmortem.render(args.incident, args.format);
    if (args.out) {
      await writeFile(args.out, pieces);
      console.error(`Wrote incident #${args.incident} to ${args.out}`);
    } else {
      await writeStdout(pieces);
    }
    return 0;
  } finally {
    await source.close();
  }
}

function openSource(env: Record<string, string | undefined>): { store: Store; close(): Promise<void> } {
  if (env.DATABASE_URL) {
    const pool = createPool(env.DATABASE_URL);
    return { store: createPostgresStore(pool), close: () => pool.end() };
  }
  const db = openDatabase(existingDatabasePath(env), { readonly: true });
  return {
    store: createStore(db),
    close: async () => {
      db.close();
    },
  };
}

// exitCode, not exit(): stdout may still be flushing into a pipe.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`export: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
