import fs from 'node:fs';
import { parseEnv as parseDotEnv } from 'node:util';
import { z } from 'zod';
import { ConfigError, describeIssues } from './config.errors';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const DEFAULT_DATABASE_PATH = './data/commander.db';

const EnvSchema = z
  .object({
    SLACK_BOT_TOKEN: z
      .string({ error: 'is required (the bot token from your Slack app, starting with xoxb-)' })
      .regex(/^xoxb-/, 'must be a bot token starting with xoxb-'),
    SLACK_SIGNING_SECRET: z.string().min(1).optional(),
    SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must be an app-level token starting with xapp-').optional(),
    SLACK_API_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .default('https://slack.com/api/'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default(DEFAULT_DATABASE_PATH),
    COMMANDER_CONFIG: z.string().min(1).optional(),
    /** Serve GET /metrics (Prometheus) on this port; unset: no metrics. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  })
  .superRefine((env, ctx) => {
    if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required in HTTP mode (or set SLACK_APP_TOKEN to use Socket Mode)',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** Empty strings count as unset, as they do in most .env tooling. */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

export function parseEnvironment(env: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(withoutBlanks(env));
  if (!result.success) throw new ConfigError(describeIssues(result.error));
  return result.data;
}

/** Real environment variables win over the .env file. */
export function withDotEnv(env: NodeJS.ProcessEnv, dotEnvPath = '.env'): Record<string, string | undefined> {
  if (!fs.existsSync(dotEnvPath)) return env;
  return { ...parseDotEnv(fs.readFileSync(dotEnvPath, 'utf8')), ...withoutBlanks(env) };
}
