import { create } from 'xmlbuilder2';
import type { PageData } from './page-data';
import { incidentName, incidentPath } from './render-api';

/**
 * The Atom (RFC 4287) and RSS 2.0 feeds: one entry per public update, newest first, built with
 * xmlbuilder2 (never by pasting strings). Entry ids come from the update's stored public id, so a
 * reader sees the same entry across restarts.
 */

const MAX_ENTRIES = 50;
const WORDS: Record<string, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

function entriesOf(data: PageData) {
  return (
    data.incidents
      .flatMap((i) =>
        i.updates.map((u) => ({
          id: u.publicId,
          title: `${incidentName(i)}: ${WORDS[u.status] ?? u.status}`,
          body: u.body,
          at: u.at,
          link: `${data.url ?? ''}${incidentPath(i.publicId)}`,
        })),
      )
      // Stable: updates of one moment keep their order (newest first), not the order of their random ids.
      .sort((a, b) => b.at - a.at)
      .slice(0, MAX_ENTRIES)
  );
}

/** An id that never changes for the update: a URL under the page when it has one, a URN otherwise. */
const entryId = (data: PageData, id: string) => (data.url ? `${data.url}/updates/${id}` : `urn:commander-status:${id}`);
const feedId = (data: PageData) => (data.url ? `${data.url}/` : 'urn:commander-status:page');

export function renderAtom(data: PageData): string {
  const entries = entriesOf(data);
  const feed = create({ version: '1.0', encoding: 'utf-8' }).ele('http://www.w3.org/2005/Atom', 'feed');
  feed.ele('id').txt(feedId(data));
  feed.ele('title').txt(data.title);
  feed.ele('updated').txt(new Date(entries[0]?.at ?? data.updatedAt).toISOString());
  feed.ele('link', { rel: 'alternate', type: 'text/html', href: `${data.url ?? ''}/` });
  feed.ele('link', { rel: 'self', type: 'application/atom+xml', href: `${data.url ?? ''}/feed.atom` });
  feed.ele('author').ele('name').txt(data.title);
  for (const item of entries) {
    const entry = feed.ele('entry');
    entry.ele('id').txt(entryId(data, item.id));
    entry.ele('title').txt(item.title);
    entry.ele('updated').txt(new Date(item.at).toISOString());
    entry.ele('published').txt(new Date(item.at).toISOString());
    entry.ele('link', { rel: 'alternate', type: 'text/html', href: item.link });
    entry.ele('content', { type: 'text' }).txt(item.body);
  }
  return feed.end({ prettyPrint: true });
}

export function renderRss(data: PageData): string {
  const entries = entriesOf(data);
  const channel = create({ version: '1.0', encoding: 'utf-8' }).ele('rss', { version: '2.0' }).ele('channel');
  channel.ele('title').txt(data.title);
  channel.ele('link').txt(`${data.url ?? ''}/`);
  channel.ele('description').txt(`${data.title}: incidents and their public updates`);
  if (entries[0]) channel.ele('lastBuildDate').txt(new Date(entries[0].at).toUTCString());
  for (const item of entries) {
    const it = channel.ele('item');
    it.ele('guid', { isPermaLink: 'false' }).txt(entryId(data, item.id));
    it.ele('title').txt(item.title);
    it.ele('link').txt(item.link);
    it.ele('description').txt(item.body);
    // RFC 822 with a four-digit year, as RSS readers take it: "Tue, 24 Nov 2026 09:00:00 GMT".
    it.ele('pubDate').txt(new Date(item.at).toUTCString());
  }
  return channel.end({ prettyPrint: true });
}
