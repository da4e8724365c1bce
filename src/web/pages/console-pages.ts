import { createPostmortemRenderer, joined } from '../../postmortem/postmortem.service';
import type { ConsolePages, Reader, WebRequest, WebResponse } from '../console.types';
import { insightsCsv, insightsPage } from '../insights/insights-page';
import { asset } from './assets';
import type { ConsoleDeps } from './console.deps';
import { noSuchIncident } from './html';
import { incidentEvents } from './incident-events';
import { incidentPage } from './incident-page';
import { listPage } from './list-page';
import { postmortemPage } from './postmortem-page';
import { readerScope } from './reader-scope';

const INCIDENT = /^\/incidents\/(\d{1,9})(\/postmortem|\/export\.md|\/export\.json|\/events)?$/;

const download = (body: string, type: string, name: string): WebResponse => ({
  status: 200,
  headers: { 'Content-Type': `${type}; charset=utf-8`, 'Content-Disposition': `attachment; filename="${name}"` },
  body: Buffer.from(body, 'utf8'),
});

/**
 * The console's pages (issue 28): `/`, `/incidents/<n>` (with its postmortem, downloads and event
 * stream), `/insights` and its CSV. Every answer is for one reader, through the one visibility rule:
 * a private incident the reader may not see answers exactly as a number that does not exist.
 */
export function createConsolePages(deps: ConsoleDeps): ConsolePages {
  const postmortem = createPostmortemRenderer(deps);

  async function incidentRoute(request: WebRequest, reader: Reader, id: number, rest: string | undefined) {
    const scope = readerScope(deps, reader);
    const incident = await deps.store.incidents.get(id);
    if (!incident || !(await scope.canSee(incident))) return noSuchIncident();
    switch (rest) {
      case '/events':
        return incidentEvents(deps, id, request, reader, scope);
      case '/export.md':
        return download(await joined(await postmortem.render(id, 'md')), 'text/markdown', `incident-${id}.md`);
      case '/export.json':
        return download(await joined(await postmortem.render(id, 'json')), 'application/json', `incident-${id}.json`);
      case '/postmortem':
        return postmortemPage(deps, await postmortem.data(id), reader);
      default:
        return incidentPage(deps, await postmortem.data(id), reader);
    }
  }

  return {
    async handle(request, reader) {
      const { path } = request;
      if (path.startsWith('/assets/')) return asset(path);
      if (path === '/') return listPage(deps, request, reader, readerScope(deps, reader));
      if (path === '/insights') return insightsPage(deps, request, readerScope(deps, reader));
      if (path === '/insights.csv') return insightsCsv(deps, request, readerScope(deps, reader));
      const match = INCIDENT.exec(path);
      if (match) return incidentRoute(request, reader, Number(match[1]), match[2]);
      return null;
    },
  };
}
