import fs from 'node:fs';
import path from 'node:path';
import { createStore, type Tx } from '../../../src/store';
import { openDatabase } from '../../../src/store/sqlite/db';
import { migrate } from '../../../src/store/sqlite/migrate';
import { entries } from '../../../src/timeline/entries';
import { createRecorder, type EntryListener } from '../../../src/timeline/record';
import type { NewTimelineEntry, TimelineEntry } from '../../../src/timeline/timeline.types';

const T0 = Date.UTC(2026, 0, 5, 9, 0);
const src = path.resolve(__dirname, '..', '..', '..', 'src');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

async function setUp() {
  const db = openDatabase(':memory:');
  migrate(db);
  const store = createStore(db);
  const { incident } = await store.incidents.insertOnce({
    declareKey: 'k',
    title: 'Checkout down',
    severity: 'SEV2',
    impact: 'EU',
    commanderId: 'UBOB',
    declaredBy: 'UALICE',
    declaredAt: T0,
    sourceViewId: null,
  });
  const texts = () => db.prepare('SELECT text FROM timeline ORDER BY id').pluck().all() as string[];
  const note = (source: string, key = `req-${source}`) =>
    entries.note({ incidentId: incident.id, at: T0, actorId: 'UBOB' }, { source, body: [source] }, key);
  return { db, store, texts, note };
}

describe('recording a timeline entry', () => {
  it('keeps the line it is given in the text column, on appending and on rewriting', async () => {
    const { store, texts, note } = await setUp();
    const recorder = createRecorder({ line: (e) => `${e.kind} at ${e.at}` });
    const id = (await recorder.record(store, note('hi'))) as number;
    expect(texts()).toEqual([`note at ${T0}`]);
    const entry = (await store.timeline.get(id)) as TimelineEntry;
    expect(await recorder.rewrite(store, { ...entry, at: T0 + 5 }, { at: T0 + 9, by: 'UBOB' })).toBe(true);
    expect(texts()).toEqual([`note at ${T0 + 5}`]);
  });

  it('tells the listeners inside the entry’s transaction and the observers once it is through, each entry once', async () => {
    const { db, store, note } = await setUp();
    const heard: string[] = [];
    const listener: EntryListener = async (entry, tx) => {
      // The listener reads through the transaction it is given: it sees the entry it is told of.
      const written = await tx.timeline.list(entry.incidentId);
      heard.push(`listener:${db.inTransaction}:${written.length}`);
    };
    const recorder = createRecorder({
      line: () => '',
      inTransaction: [listener],
      observers: [(entry: NewTimelineEntry) => heard.push(`observer:${db.inTransaction}:${entry.kind}`)],
    });
    expect(typeof (await recorder.record(store, note('one', 'req-1')))).toBe('number');
    // A redelivered request: its entry is recorded already, and nobody hears of it again.
    expect(await recorder.record(store, note('again', 'req-1'))).toBeUndefined();
    expect(heard).toEqual(['listener:true:1', 'observer:false:note']);
  });

  it('writes nothing when a listener fails: the entry and what listens to it stand or fall together', async () => {
    const { store, texts, note } = await setUp();
    const failing = async (_entry: NewTimelineEntry, tx: Tx) => {
      await tx.incidents.update(1, { severity: 'SEV1' });
      throw new Error('the outbox is full');
    };
    const counted: string[] = [];
    const recorder = createRecorder({
      line: () => 'x',
      inTransaction: [failing],
      observers: [(e) => counted.push(e.kind)],
    });
    await expect(recorder.record(store, note('hi'))).rejects.toThrow('the outbox is full');
    expect(texts()).toEqual([]);
    expect((await store.incidents.get(1))?.severity).toBe('SEV2');
    expect(counted).toEqual([]);
  });

  it('tells its change observers of an edit or a removal once it is through, never of one rolled back', async () => {
    const { store, note } = await setUp();
    const heard: string[] = [];
    const recorder = createRecorder({
      line: () => '',
      changeObservers: [({ incidentId, entryId }) => heard.push(`${incidentId}:${entryId}`)],
    });
    const id = (await recorder.record(store, note('hi'))) as number;
    const entry = (await store.timeline.get(id)) as TimelineEntry;
    await expect(
      store.transaction(async (tx) => {
        await recorder.rewrite(tx, { ...entry, at: T0 + 1 }, { at: T0 + 9, by: 'UBOB' });
        throw new Error('undone');
      }),
    ).rejects.toThrow('undone');
    expect(heard).toEqual([]);
    await recorder.rewrite(store, { ...entry, at: T0 + 1 }, { at: T0 + 9, by: 'UBOB' });
    expect(await recorder.remove(store, entry, { at: T0 + 10, by: 'UBOB' })).toBe(true);
    // Removed already: nothing changed, nobody told.
    expect(await recorder.remove(store, entry, { at: T0 + 11, by: 'UBOB' })).toBe(false);
    expect(heard).toEqual([`1:${id}`, `1:${id}`]);
  });

  it('is the only way entries reach the timeline: nothing in src appends, edits or removes one past it', () => {
    // coalesced-calls.ts stands in for the store under the recorder's own append (items committed together).
    const allowed = new Set(['timeline/record.ts', 'timeline/timeline.types.ts', 'timers/coalesced-calls.ts']);
    const past = filesUnder(src)
      .map((file) => ({ file: path.relative(src, file), text: fs.readFileSync(file, 'utf8') }))
      .filter(({ file }) => !allowed.has(file) && !file.startsWith('store/'))
      .filter(
        ({ text }) =>
          // A call on a repository, one taken out of it, or an entry made to look recorded.
          /\btimeline\s*\??\.\s*(append|edit|remove)\b/.test(text) ||
          /\{[^}]*\b(append|edit|remove)\b[^}]*\}\s*=\s*[\w.]*timeline\b/.test(text) ||
          /\bRecordedEntry\b/.test(text),
      )
      .map(({ file }) => file);
    expect(past).toEqual([]);
  });
});
