import { ConfigError } from './config.errors';

/**
 * Replaces ${NAME} in every string of a parsed policy file with the environment variable NAME.
 * An unset variable is an error naming the key, rather than an empty token that would let
 * nobody in (or, worse, match an empty header). `$${NAME}` stays as the literal `${NAME}`.
 */
export function substituteEnv(
  value: unknown,
  environment: Record<string, string | undefined>,
  file: string,
  path: string[] = [],
): unknown {
  if (typeof value === 'string') {
    return value.replace(/(\$?)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, escaped: string, name: string) => {
      if (escaped) return whole.slice(1);
      // Own keys only: `${constructor}` must be an unset variable, not Object.prototype.constructor.
      const found = Object.hasOwn(environment, name) ? environment[name] : undefined;
      if (found === undefined || found === '') {
        throw new ConfigError(`${file}: ${path.join('.') || 'value'}: environment variable ${name} is not set`);
      }
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => substituteEnv(item, environment, file, [...path, String(i)]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substituteEnv(item, environment, file, [...path, key])]),
    );
  }
  return value;
}
