// First, so that it runs before anything requires zod.
import './defer-zod-locales';
import { createCommander } from './app/commander';
import { describeMode, describeStore, parseEnvironment, withDotEnv } from './config/env';
import { loadPolicy } from './config/policy';
import { createLogger, maskSecrets } from './logger';
import { handleUncaughtErrors } from './errors/uncaught-errors';

async function main(): Promise<void> {
  const environment = withDotEnv(process.env);
  const env = parseEnvironment(environment);
  const policy = loadPolicy(env.COMMANDER_CONFIG, environment);
  const logger = createLogger(env.LOG_LEVEL);
  handleUncaughtErrors(process, logger);
  logger.info({ mode: env.SLACK_APP_TOKEN ? 'socket' : 'http' }, `starting in ${describeMode(env)}`);
  logger.info({ store: env.DATABASE_URL ? 'postgres' : 'sqlite' }, `store: ${describeStore(env)}`);
  const commander = createCommander({ env, policy, logger });
  const { port, metricsPort, webPort } = await commander.start();
  logger.info(
    { port, metricsPort, webPort, mode: env.SLACK_APP_TOKEN ? 'socket' : 'http', database: describeStore(env) },
    'Commander is running',
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    commander.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // Operators get one line that says what to fix, not a stack trace.
  console.error(`Commander cannot start: ${maskSecrets(error instanceof Error ? error.message : String(error))}`);
  process.exit(1);
});
