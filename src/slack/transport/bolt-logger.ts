import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { type Logger, maskSecrets } from '../../logger';

const toPino: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

const line = (parts: unknown[]): string =>
  maskSecrets(
    parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' '),
  );

/** Bolt and the Web API client log through pino too, with tokens masked out of their free text. */
export function boltLogger(logger: Logger, name = 'bolt'): BoltLogger {
  let child = logger.child({ component: name });
  // Formatting and masking cost something on every request; skip them for levels that are off.
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      if (child.isLevelEnabled(level)) child[level](line(msg));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: () => undefined, // the level is LOG_LEVEL's, set once for the whole app
    getLevel: () => (Object.entries(toPino).find(([, v]) => v === child.level)?.[0] as LogLevel) ?? LogLevel.INFO,
    setName: (next: string) => {
      child = logger.child({ component: next });
    },
  };
}
