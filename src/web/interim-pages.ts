import escapeHtml from 'escape-html';
import type { Policy } from '../config/policy';
import { visibleTo } from '../incidents/visibility';
import type { Store } from '../store';
import type { ConsolePages } from './console.types';

/**
 * INTERIM, replaced by src/web/pages (issue 28's pages, built separately): `/` as a plain list of the
 * incidents the reader may see, so that the sign-in can be used and tested end to end before the
 * real pages land. The composition root (src/app/web.ts) swaps this for them.
 */
export function interimPages(o: {
  store: Pick<Store, 'incidents'>;
  policy: Policy;
  isMember: (channelId: string, userId: string) => Promise<boolean>;
}): ConsolePages {
  return {
    async handle(request, reader) {
      if (request.path !== '/') return null;
      const recent = await o.store.incidents.listRecent(0, 200);
      const seen = await visibleTo(recent, reader.userId, o.policy, (channelId) =>
        o.isMember(channelId, reader.userId),
      );
      const items = seen.map((i) => `<li>#${i.id} ${escapeHtml(i.title)}</li>`).join('\n');
      const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Incidents · Commander</title></head>
<body>
<main>
<h1>Incidents</h1>
<ul>
${items}
</ul>
<p><a href="/logout">Sign out</a></p>
</main>
</body>
</html>
`;
      return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
    },
  };
}
