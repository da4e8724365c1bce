import { systemClock } from '../clock';
import { withDotEnv } from '../config/env';
import { loadPolicy } from '../config/policy';
import { createPostmortemRenderer } from '../postmortem/postmortem.service';
import { slackText } from '../slack/text/slack-text';
import { parseExportArgs, USAGE } from './export-args';
import { openCliStore } from './open-store';
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
  const source = await openCliStore(env, { readonly: true });
  try {
    const policy = loadPolicy(env.COMMANDER_CONFIG || undefined);
    const postmortem = createPostmortemRenderer({ store: source.store, policy, clock: systemClock, chat: slackText });
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
