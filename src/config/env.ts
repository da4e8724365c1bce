import fs from 'node:fs';
import { parseEnv as parseDotEnv } from 'node:util';
import { isIP } from 'node:net';
import { z } from 'zod';
import { ConfigError, describeIssues } from './config.errors';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const DEFAULT_DATABASE_PATH = './data/commander.db';

/** What .env.example and the docs put where a real value belongs (`xoxb-your-bot-token`, `xapp-…`). */
const PLACEHOLDER = /your[-_]|[<>…]|\.\.\.|changeme|example/i;

const notPlaceholder = (instead: string, required = 'is required') =>
  z.string({ error: required }).refine((value) => !PLACEHOLDER.test(value), {
    error: `still holds the example value from .env.example; put in ${instead}`,
  });

const BOT = /^xoxb-/;
const APP = /^xapp-/;

/** A URL with a user name or password in it would print that password in every log line naming the URL. */
const withoutCredentials = (url: string) => {
  const parsed = URL.parse(url);
  return !parsed || (parsed.username === '' && parsed.password === '');
};

const PORT_NUMBER = z.coerce.number().int().min(0).max(65535);

/** A comma-separated list of IP addresses, as the proxy's requests arrive from them. */
const ADDRESSES = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== ''),
  )
  .check((ctx) => {
    const bad = ctx.value.filter((a) => isIP(a) === 0);
    if (bad.length > 0)
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `must be IP addresses separated by commas, such as 10.0.0.5,10.0.0.6 (not an address: ${bad.join(', ')})`,
      });
  });

const EnvSchema = z
  .object({
    SLACK_BOT_TOKEN: notPlaceholder(
      'the Bot User OAuth Token (xoxb-…) from the OAuth & Permissions page of your Slack app',
      'is required (the bot token from your Slack app, starting with xoxb-)',
    ),
    SLACK_SIGNING_SECRET: notPlaceholder(
      'the Signing Secret from Basic Information, or leave it empty in Socket Mode',
    ).optional(),
    SLACK_APP_TOKEN: notPlaceholder(
      'the app-level token (xapp-…) for Socket Mode, or leave it empty for HTTP mode',
    ).optional(),
    SLACK_API_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
      .refine(withoutCredentials, { error: 'must not contain a user name or password' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .default('https://slack.com/api/'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default(DEFAULT_DATABASE_PATH),
    /** Set: PostgreSQL at this URL instead of SQLite at DATABASE_PATH. */
    DATABASE_URL: z
      .string()
      .refine((url) => /^postgres(ql)?:$/.test(URL.parse(url)?.protocol ?? ''), {
        error: 'must be a PostgreSQL URL such as postgres://commander:password@db.internal:5432/commander',
      })
      .optional(),
    COMMANDER_CONFIG: z.string().min(1).optional(),
    /** Serve GET /metrics (Prometheus) on this port; unset: no metrics. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** The interface /metrics listens on; unset: all of them. */
    METRICS_HOST: z
      .union([z.ipv4(), z.ipv6(), z.hostname()], {
        error: 'must be an address or host name of this machine, such as 127.0.0.1',
      })
      .optional(),
    /** Serve the public status page (src/statuspage) on this port; unset: no status page. */
    STATUS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Serve the web console (src/web) on this port; unset: no console. */
    WEB_PORT: PORT_NUMBER.optional(),
    /** Where people open the console; Slack sends them back to `<WEB_BASE_URL>/auth/callback`. */
    WEB_BASE_URL: z
      .url({
        protocol: /^https?$/,
        error: 'must be the http(s) address people open the console at, such as https://commander.example.com',
      })
      .refine(withoutCredentials, { error: 'must not contain a user name or password' })
      .refine((url) => !/[?#]/.test(url), { error: 'must be an address without a query or fragment' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    /** Sign in with Slack: the app's Client ID and Client Secret (Basic Information → App Credentials). */
    SLACK_CLIENT_ID: notPlaceholder('the Client ID from Basic Information → App Credentials').optional(),
    SLACK_CLIENT_SECRET: notPlaceholder('the Client Secret from Basic Information → App Credentials').optional(),
    /** slack: Sign in with Slack; proxy: an authenticating proxy in front names the person. */
    WEB_AUTH: z.enum(['slack', 'proxy'], { error: 'must be slack (Sign in with Slack) or proxy' }).default('slack'),
    WEB_PROXY_HEADER: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, { error: 'must be a header name such as X-Forwarded-Email' })
      .default('X-Forwarded-Email'),
    WEB_TRUSTED_PROXIES: ADDRESSES.optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  })
  .superRefine((env, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const app = env.SLACK_APP_TOKEN;
    if (APP.test(env.SLACK_BOT_TOKEN) && app !== undefined && BOT.test(app)) {
      issue(
        'SLACK_BOT_TOKEN',
        'and SLACK_APP_TOKEN are swapped: the bot token starts with xoxb-, the app-level token with xapp-',
      );
      return;
    }
    if (!BOT.test(env.SLACK_BOT_TOKEN)) {
      issue(
        'SLACK_BOT_TOKEN',
        APP.test(env.SLACK_BOT_TOKEN)
          ? 'is an app-level token (xapp-…); it goes in SLACK_APP_TOKEN, and SLACK_BOT_TOKEN takes the bot token starting with xoxb-'
          : 'must be a bot token starting with xoxb-',
      );
    }
    if (app !== undefined && !APP.test(app)) {
      issue(
        'SLACK_APP_TOKEN',
        BOT.test(app)
          ? 'is a bot token (xoxb-…); SLACK_APP_TOKEN takes the app-level token starting with xapp- (Basic Information → App-Level Tokens)'
          : 'must be an app-level token starting with xapp-',
      );
    }
    // Port 0 is any free port, so two of them never clash.
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
      issue(
        'METRICS_PORT',
        `is ${env.PORT}, the same as PORT: /metrics needs a port of its own (for example 9100), so that it is not served where Slack and alert senders reach the app`,
      );
    }
    if (env.STATUS_PORT !== undefined && env.STATUS_PORT !== 0) {
      const taken =
        env.STATUS_PORT === env.PORT ? 'PORT' : env.STATUS_PORT === env.METRICS_PORT ? 'METRICS_PORT' : null;
      if (taken)
        issue(
          'STATUS_PORT',
          `is ${env.STATUS_PORT}, the same as ${taken}: the status page needs a port of its own (for example 8080), so that only what was published is reachable there`,
        );
    }
    webProblems(env, issue);
    if (!app && !env.SLACK_SIGNING_SECRET) {
      issue('SLACK_SIGNING_SECRET', 'is required in HTTP mode (or set SLACK_APP_TOKEN to use Socket Mode)');
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** Where people read the web console, when this process serves it. */
export const consoleUrlOf = (env: Env): string | undefined =>
  env.WEB_PORT === undefined ? undefined : env.WEB_BASE_URL;

/** What the web console needs besides WEB_PORT, and a port of its own. */
function webProblems(
  env: Pick<
    Env,
    | 'WEB_PORT'
    | 'PORT'
    | 'METRICS_PORT'
    | 'STATUS_PORT'
    | 'WEB_BASE_URL'
    | 'WEB_AUTH'
    | 'SLACK_CLIENT_ID'
    | 'SLACK_CLIENT_SECRET'
    | 'WEB_TRUSTED_PROXIES'
  >,
  issue: (path: string, message: string) => void,
): void {
  if (env.WEB_PORT === undefined) return;
  if (env.WEB_PORT !== 0) {
    const taken =
      env.WEB_PORT === env.PORT
        ? 'PORT'
        : env.WEB_PORT === env.METRICS_PORT
          ? 'METRICS_PORT'
          : env.WEB_PORT === env.STATUS_PORT
            ? 'STATUS_PORT'
            : null;
    if (taken)
      issue(
        'WEB_PORT',
        `is ${env.WEB_PORT}, the same as ${taken}: the console needs a port of its own (for example 8090), so that only signed-in people reach it there`,
      );
  }
  if (!env.WEB_BASE_URL)
    issue(
      'WEB_BASE_URL',
      'is required when WEB_PORT is set: the address people open the console at, such as https://commander.example.com',
    );
  if (env.WEB_AUTH === 'slack') {
    const missing = (name: string, what: string) =>
      issue(
        name,
        `is required when WEB_PORT is set, for Sign in with Slack: the ${what} from Basic Information → App Credentials of your Slack app (or set WEB_AUTH=proxy behind an authenticating proxy)`,
      );
    if (!env.SLACK_CLIENT_ID) missing('SLACK_CLIENT_ID', 'Client ID');
    if (!env.SLACK_CLIENT_SECRET) missing('SLACK_CLIENT_SECRET', 'Client Secret');
  } else if (!env.WEB_TRUSTED_PROXIES?.length) {
    issue(
      'WEB_TRUSTED_PROXIES',
      "is required when WEB_AUTH=proxy: the addresses your proxy's requests come from, such as 10.0.0.5; the header is believed from them only",
    );
  }
}

/** Every variable Commander reads (docs/configuration.md's table is held to this). */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape);

/** Empty strings count as unset, as they do in most .env tooling. */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

/** Which transport runs, and why, for the start-up log. */
export function describeMode(env: Env): string {
  return env.SLACK_APP_TOKEN ? 'Socket Mode (SLACK_APP_TOKEN is set)' : 'HTTP mode (SLACK_APP_TOKEN is not set)';
}

/** Which store is in use, for the start-up log: never the URL's user or password. */
export function describeStore(env: Pick<Env, 'DATABASE_URL' | 'DATABASE_PATH'>): string {
  if (!env.DATABASE_URL) return `SQLite at ${env.DATABASE_PATH} (DATABASE_URL is not set)`;
  const url = new URL(env.DATABASE_URL);
  return `PostgreSQL at ${url.host}${url.pathname} (DATABASE_URL is set)`;
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
