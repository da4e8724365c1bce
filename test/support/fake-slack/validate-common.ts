/**
 * Shared pieces of the Block Kit validators. Every check appends Slack-style messages,
 * "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]", to a list, so
 * one call reports every problem at once the way Slack's response_metadata.messages does.
 */

export type Issues = string[];
export type Json = Record<string, unknown>;

export function error(issues: Issues, message: string, pointer: string): void {
  issues.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
}

export function warning(issues: Issues, message: string, pointer: string): void {
  issues.push(`[WARN] ${message} [json-pointer:${pointer}]`);
}

export function errorsIn(issues: Issues): Issues {
  return issues.filter((m) => m.startsWith('[ERROR]'));
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks an optional string field's length; a present non-string is an error too. */
export function checkString(
  issues: Issues,
  parent: Json,
  key: string,
  pointer: string,
  max: number,
  o: { required?: boolean; min?: number } = {},
): void {
  const value = parent[key];
  const at = `${pointer}/${key}`;
  if (value === undefined || value === null) {
    if (o.required) error(issues, `missing required field: ${key}`, pointer);
    return;
  }
  if (typeof value !== 'string') return error(issues, 'must provide a string', at);
  if (value.length > max) error(issues, `must be less than ${max + 1} characters`, at);
  if (o.min !== undefined && value.length < o.min) error(issues, `must be more than ${o.min - 1} characters`, at);
}

/** An optional (or required) text composition object field: `{type: plain_text|mrkdwn, text}`. */
export function checkText(
  issues: Issues,
  parent: Json,
  key: string,
  pointer: string,
  o: { max: number; required?: boolean; plainOnly?: boolean },
): void {
  const value = parent[key];
  if (value === undefined || value === null) {
    if (o.required) error(issues, `missing required field: ${key}`, pointer);
    return;
  }
  checkTextObject(issues, value, `${pointer}/${key}`, o);
}

/** A text composition object whose text is 1..max characters; `plainOnly` refuses mrkdwn. */
export function checkTextObject(
  issues: Issues,
  value: unknown,
  at: string,
  o: { max: number; plainOnly?: boolean },
): void {
  if (!isObject(value)) return error(issues, 'must provide an object', at);
  const allowed = o.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (value.type === undefined) error(issues, 'missing required field: type', at);
  else if (typeof value.type !== 'string' || !allowed.includes(value.type))
    error(issues, `must be one of: ${allowed.join(', ')}`, `${at}/type`);
  if (value.text === undefined) return error(issues, 'missing required field: text', at);
  checkString(issues, value, 'text', at, o.max, { min: 1 });
}

/** An array field with a size range; returns the array (or [] when absent or wrong). */
export function checkArray(
  issues: Issues,
  parent: Json,
  key: string,
  pointer: string,
  o: { max: number; min?: number; required?: boolean },
): unknown[] {
  const value = parent[key];
  const at = `${pointer}/${key}`;
  if (value === undefined || value === null) {
    if (o.required) error(issues, `missing required field: ${key}`, pointer);
    return [];
  }
  if (!Array.isArray(value)) {
    error(issues, 'must provide an array', at);
    return [];
  }
  if (value.length > o.max) error(issues, `no more than ${o.max} items allowed`, at);
  if (o.min !== undefined && value.length < o.min) error(issues, `must provide at least ${o.min} items`, at);
  return value;
}

export function checkEnum(
  issues: Issues,
  parent: Json,
  key: string,
  pointer: string,
  allowed: readonly string[],
): void {
  const value = parent[key];
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || !allowed.includes(value))
    error(issues, `must be one of: ${allowed.join(', ')}`, `${pointer}/${key}`);
}

/** Remembers ids seen in one scope (block_ids in a surface, action_ids in a block). */
export function checkUnique(issues: Issues, seen: Set<string>, parent: Json, key: string, pointer: string): void {
  const value = parent[key];
  if (typeof value !== 'string') return;
  if (seen.has(value)) error(issues, `must be unique, "${value}" is already used`, `${pointer}/${key}`);
  seen.add(value);
}
