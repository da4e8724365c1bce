import { ConfigError } from '../../src/config/config.errors';
import { parseEnvironment } from '../../src/config/env';

/** The sentence an environment is refused with at start-up; fails the test if it is accepted. */
export function environmentErrorOf(env: Record<string, string | undefined>): string {
  try {
    parseEnvironment(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}
