import { invalidArguments, SlackApiError, type Args } from './method';

/**
 * Readers for method arguments. Form posts carry every scalar as a string and JSON posts as
 * typed values, so each reader accepts both.
 */

/** A non-empty string argument, or undefined. */
export function str(args: Args, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A string argument Slack requires; `error` is the code Slack gives when it is missing. */
export function need(args: Args, key: string, error?: string): string {
  const value = str(args, key);
  if (value !== undefined) return value;
  throw error ? new SlackApiError(error) : invalidArguments([`[ERROR] missing required field: ${key}`]);
}

export function bool(args: Args, key: string): boolean {
  const value = args[key];
  return value === true || value === 1 || value === 'true' || value === '1';
}

export function int(args: Args, key: string): number | undefined {
  const value = args[key];
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/** A comma-separated id list (`users=U1,U2`), also accepted as a JSON array. */
export function idList(args: Args, key: string): string[] {
  const value = args[key];
  const parts = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}
