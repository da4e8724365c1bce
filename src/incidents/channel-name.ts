/** Slack's rule for channel names: lower-case letters, digits, hyphens and underscores, at most 80. */
export const CHANNEL_NAME_MAX = 80;

/**
 * A readable slug of the title: accents folded (Café → cafe), everything else that Slack refuses
 * turned into single hyphens. Titles in scripts without a Latin folding give an empty slug.
 */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/_+/g, '_')
    .replace(/^[-_]+|[-_]+$/g, '')
    .replace(/-{2,}/g, '-');
}

/**
 * `<prefix>-<number>-<slug>` (a drill's `<prefix>-<number>-drill-<slug>`, so the channel list says
 * so too), trimmed to 80 characters on a word boundary where possible. `attempt` > 0 adds a suffix
 * (-2, -3, …) for when the name is taken, e.g. by an archived channel.
 */
export function incidentChannelName(
  prefix: string,
  number: number,
  title: string,
  attempt = 0,
  o: { drill?: boolean } = {},
): string {
  const head = `${prefix}-${number}${o.drill ? '-drill' : ''}`;
  const suffix = attempt > 0 ? `-${attempt + 1}` : '';
  const room = CHANNEL_NAME_MAX - head.length - suffix.length - 1;
  let slug = slugify(title);
  if (slug.length > room) {
    slug = slug.slice(0, room);
    const lastBreak = slug.lastIndexOf('-');
    if (lastBreak > room / 2) slug = slug.slice(0, lastBreak);
    slug = slug.replace(/[-_]+$/, '');
  }
  return slug ? `${head}-${slug}${suffix}` : `${head}${suffix}`;
}
