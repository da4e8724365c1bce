/** Every mrkdwn string in blocks: the places where Slack would turn <!channel> into a ping (plain_text stays inert). */
export function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return [
      ...(o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : []),
      ...Object.values(o).flatMap(mrkdwnTexts),
    ];
  }
  return [];
}
