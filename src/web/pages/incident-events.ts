import type { TimelineEntry } from '../../timeline/timeline.types';
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
 * `/incidents/<n>/events`: the incident's timeline as it changes, as Server-Sent Events: `entry` for
 * each new one, `edited` for one whose time or words were corrected (as the page now writes it) and
 * `removed` for one taken off. A change heard from the recorder makes the stream read the store;
 * whether the reader may see the incident is asked again each time.
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
      const event = (name: string, data: Record<string, unknown>, id?: string) =>
        write(`${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
      const shown = (entry: TimelineEntry) => {
        const l = line(entry);
        return { entry: entry.id, at: entry.at, time: l.time, actor: l.actor, text: l.text };
      };
      const mayRead = async () => {
        const incident = await store.incidents.get(incidentId);
        return !!incident && (await scope.canSee(incident));
      };
      const sendNew = async () => {
        if (!(await mayRead())) return;
        for (;;) {
          const page = await store.timeline.pageAfter(incidentId, cursor, PAGE);
          for (const entry of page) {
            if (signal.aborted) return;
            event('entry', shown(entry), `${entry.at}-${entry.id}`);
            cursor = { at: entry.at, id: entry.id };
          }
          if (page.length < PAGE) return;
        }
      };
      // No `id:` on these: the client's Last-Event-ID stays the last new entry it was sent.
      const sendChanged = async (entryId: number) => {
        if (signal.aborted || !(await mayRead())) return;
        const entry = await store.timeline.get(entryId);
        if (entry && entry.incidentId === incidentId) event('edited', shown(entry));
        else event('removed', { entry: entryId });
      };
      // One read at a time: changes heard during a read are taken by the next one.
      let running = Promise.resolve();
      const again = (send: () => Promise<void>) => {
        running = running.then(send).catch(() => undefined);
      };
      const stop = deps.timelineChanges.listen((change) => {
        if (change.incidentId !== incidentId) return;
        const { entryId } = change;
        again(entryId === undefined ? sendNew : () => sendChanged(entryId));
      });
      try {
        again(sendNew);
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
