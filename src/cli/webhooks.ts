import { parseArgs } from 'node:util';
import { systemClock } from '../clock';
import { withDotEnv } from '../config/env';
import { loadPolicy } from '../config/policy';
import { createLogger } from '../logger';
import type { OutboxRow } from '../store/webhook-outbox.repository';
import { leaseHolderOf } from '../timers/lease-holder';
import { createJobRunner } from '../timers/runner';
import { createWebhookSender, hostOf } from '../webhooks/sender';
import { openCliStore } from './open-store';
import { CliError } from './output';

const USAGE_LINE = 'Usage: npm run webhooks -- failed        (webhook events that were given up)';
const USAGE = `${USAGE_LINE}\n       npm run webhooks -- retry ID      (send that delivery again now; ID from the failed list)`;

type Command = { name: 'failed' } | { name: 'retry'; id: number } | 'help';

function parse(argv: string[]): Command {
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) return 'help';
    positionals = parsed.positionals;
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('. ')[0]}. ${USAGE_LINE}`);
  }
  const [name, id, ...rest] = positionals;
  if (name === 'failed' && id === undefined) return { name: 'failed' };
  if (name === 'retry' && id !== undefined && rest.length === 0) {
    if (!/^\d{1,12}$/.test(id)) throw new CliError(`"${id}" is not a delivery ID (a number from the failed list).`);
    return { name: 'retry', id: Number(id) };
  }
  throw new CliError(
    name === undefined || name === 'failed' || name === 'retry'
      ? USAGE_LINE
      : `Unknown command "${name}". ${USAGE_LINE}`,
  );
}

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

function line(row: OutboxRow): string {
  return [
    `#${row.id}`,
    row.eventId,
    row.type,
    `incident #${row.incidentId}`,
    hostOf(row.url),
    `${row.attempts} attempt${row.attempts === 1 ? '' : 's'}`,
    row.lastError ?? '-',
    `given up ${iso(row.doneAt)}`,
  ].join('  ');
}

/**
 * `npm run webhooks -- failed | retry ID`: what the outbox gave up on, and sending one again. It
 * needs DATABASE_PATH or DATABASE_URL and, to retry, COMMANDER_CONFIG for the receiver's secret; no Slack tokens.
 */
async function main(argv: string[]): Promise<void> {
  const command = parse(argv);
  if (command === 'help') {
    console.log(USAGE);
    return;
  }
  const env = withDotEnv(process.env);
  const database = await openCliStore(env, { readonly: false });
  try {
    const outbox = database.store.webhookOutbox;
    if (command.name === 'failed') {
      const rows = await outbox.failed();
      if (rows.length === 0) console.log('No webhook event was given up.');
      for (const row of rows) console.log(line(row));
      return;
    }
    const row = await outbox.get(command.id);
    if (!row) throw new CliError(`There is no webhook delivery #${command.id}. See npm run webhooks -- failed.`);
    if (row.state !== 'failed') throw new CliError(`Delivery #${row.id} was not given up (it is ${row.state}).`);
    const policy = loadPolicy(env.COMMANDER_CONFIG || undefined, env);
    const webhook = policy.webhooks.find((w) => w.url === row.url);
    if (!webhook) {
      throw new CliError(
        `The receiver of delivery #${row.id} (${hostOf(row.url)}) is no longer in COMMANDER_CONFIG's webhooks.`,
      );
    }
    await outbox.requeue(row.id, systemClock.now());
    const logger = createLogger('silent');
    const sender = createWebhookSender({
      store: database.store,
      // Leased like Commander's own attempts, so a running Commander does not send it at the same time.
      runner: createJobRunner({ store: database.store, clock: systemClock, lease: leaseHolderOf(policy), logger }),
      webhooks: [webhook],
      clock: systemClock,
      logger,
    });
    const outcome = await sender.sendNow(row.id);
    const after = (await outbox.get(row.id)) as OutboxRow;
    if (outcome === undefined)
      console.log(`Delivery #${row.id} is back in the queue: a running Commander took it and is sending it now.`);
    else if (outcome === 'delivered')
      console.log(`Delivery #${row.id} (${row.type} of incident #${row.incidentId}) was taken by ${hostOf(row.url)}.`);
    else if (outcome === 'retry')
      console.log(
        `Delivery #${row.id} failed again (${after.lastError}); Commander keeps retrying it, from now until giveUpAfter.`,
      );
    else throw new CliError(`Delivery #${row.id} failed again (${after.lastError}) and was given up.`);
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`webhooks: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
