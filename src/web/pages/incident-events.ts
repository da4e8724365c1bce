import type { Reader, WebRequest, WebResponse } from '../console.types';
import type { ConsoleDeps } from './console.deps';
import { entryLines } from './entry-line';
import type { ReaderScope } from './reader-scope';
import { readerTime } from './reader-time';

const PAGE = 200;

/** `at-id` of the last entry the page has (Last-Event-ID after a reconnect, else the page's own). */
function cursorOf(text: string | undefined | null): { at: number; id: number } | null {
  const match = /^(\d{1,16})-(\d{1,16})$/.exec(text ?? '');
  return match ? { at: Number(match[1]), id: Number(match[2]) } : null;
}

/**
 * `/incidents/<n>/events`: the incident's new timeline entries as Server-Sent Events, each as the
 * page writes it. A change heard from the recorder makes the stream read what is new from the
 * store; whether the reader may see the incident is asked again each time.
 */
export function incidentEvents(
  deps: ConsoleDeps,
  incidentId: number,
  request: WebRequest,
  reader: Reader,
  scope: ReaderScope,
): WebResponse {
  const { store } = deps;
  let cursor = cursorOf(request.headers['last-event-id']) ?? cursorOf(request.query.get('after'));
  return {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' },
    body: 'retry: 5000\n\n',
    async stream(write, signal) {
      const names = await store.people.all();
      const line = entryLines(deps.chat, { person: (id) => names.get(id) }, readerTime(reader, deps.policy));
      const send = async () => {
        const incident = await store.incidents.get(incidentId);
        if (!incident || !(await scope.canSee(incident))) return;
        for (;;) {
          const page = await store.timeline.pageAfter(incidentId, cursor, PAGE);
          for (const entry of page) {
            if (signal.aborted) return;
            const l = line(entry);
            write(
              `id: ${l.id}\nevent: entry\ndata: ${JSON.stringify({ time: l.time, actor: l.actor, text: l.text })}\n\n`,
            );
            cursor = { at: entry.at, id: entry.id };
          }
          if (page.length < PAGE) return;
        }
      };
      // One read at a time: changes heard during a read are taken by the next one.
      let running = Promise.resolve();
      const again = () => {
        running = running.then(send).catch(() => undefined);
      };
      const stop = deps.timelineChanges.listen((changed) => {
        if (changed === incidentId) again();
      });
      try {
        again();
        await new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          else signal.addEventListener('abort', () => resolve(), { once: true });
        });
      } finally {
        stop();
        await running;
      }
    },
  };
}
