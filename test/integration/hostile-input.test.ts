import { fromSlackText } from '../../src/slack/blocks/text';
import { tableRows } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import type { SignedResponse } from '../support/signed-request';
import { storedEntries, storedIncidents } from '../support/stored';
import { type Declared, openedView } from './flows';
import { EVIL, mark, problemsSince } from './hostile-audit';
import { CASES, cut, type HostileCase } from './hostile-inputs';

/**
 * Hostile text through every path that takes text, via signed requests to the real receiver.
 * Each case asserts that Slack (the fake) accepted every call, that nothing shown can ping or
 * link from user text, that long text is cut with an ellipsis rather than refused, and that the
 * database holds what was typed.
 */

/** Headings a postmortem has of its own; any other heading came out of user text. */
const POSTMORTEM_HEADINGS =
  /^(# Postmortem: #\d+ |## (Summary|Impact|Key times \(|Durations|Root cause|Resolution|Timeline|Follow-up actions|What went well|What could be improved|Action items|Appendix: reminders and escalations)|### Severity changes)/;

/** The document's one chart: statuses and severity ids only, never text people wrote. */
const GANTT =
  /\n```mermaid\ngantt\n(?: {2}[A-Za-z0-9 ._()-]+:[a-z, ]*[\dT:-]+, [\dT:m-]+\n| {2}(?:title|dateFormat|axisFormat|section) [^\n`]+\n)+```\n/;

/** Lines of a Markdown document that are structure: headings, tables, quotes, fences, indented code. */
function structure(md: string): string[] {
  const lines = md.split('\n');
  return lines.filter(
    (line, i) => /^\s{0,3}(#|\||>|```|~~~)/.test(line) || (/^(\s{4,}|\t)\S/.test(line) && (lines[i - 1] ?? '') === ''),
  );
}

/** The labelled sections (`*Label*\n…`) of a channel's messages, as last posted or edited. */
const labelledSections = (h: Harness, channelId: string, label: string): string[] =>
  h.fake
    .messages(channelId)
    .flatMap((m) => m.blocks ?? [])
    .map((b: any) => b.text?.text as string | undefined)
    .filter((t): t is string => t?.startsWith(`*${label}*\n`) ?? false);

/** Text too long for a section is cut to fit and ends with an ellipsis, never refused. */
function expectCut(sections: string[]) {
  expect(sections.length).toBeGreaterThan(0);
  for (const text of sections) {
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toMatch(/…$/);
  }
}

/** Control characters (but tab and line breaks) and the bidi embeddings, overrides and isolates. */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
/** Text as Commander keeps it: what was typed, less the characters above (they are dropped on the way in). */
const kept = (text: string) => text.replace(UNSAFE, '');

/** The strings in a column's value, including those inside a JSON column. */
function textsIn(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object')
      return Object.values(parsed).flatMap((v) => (typeof v === 'string' ? [v] : textsIn(JSON.stringify(v))));
  } catch {
    // not JSON: the column holds text
  }
  return [value];
}

describe.each(CASES)('$name', (c: HostileCase) => {
  let h: Harness;
  let incident: Declared;
  const alice = () => h.user(PEOPLE.alice);
  // As much as the 150-character title input takes.
  const title = kept(cut(c.typed, 150)).trim();

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  /** Runs `act` and returns what went wrong in everything the app sent meanwhile. */
  async function audited<R extends SignedResponse>(act: () => Promise<R | R[]>, expectedErrors: string[] = []) {
    const from = mark(h);
    const result = await act();
    const acks = Array.isArray(result) ? result : [result];
    return { acks, problems: problemsSince(h, from, acks, expectedErrors) };
  }

  it('the declare modal stores title and impact as typed and posts only valid messages', async () => {
    const { acks, problems } = await audited(async () => {
      const opened = await alice().command('declare');
      const submitted = await alice().submit(openedView(h, 'declare_incident'), {
        title,
        severity: 'SEV2',
        impact: c.typed,
      });
      return [opened, submitted];
    });
    const stored = (await storedIncidents(h.store)).at(-1)!;
    incident = { channelId: stored.channelId!, channelName: stored.channelName!, incidentId: stored.id };
    expect(problems).toEqual([]);
    expect(acks[1]?.json?.response_action).toBe('update');
    expect(stored.title).toBe(title);
    expect(stored.impact).toBe(kept(c.typed).trim());
    expect(h.fake.channel(incident.channelId)?.name).toMatch(/^inc-\d+(-[a-z0-9_-]+)?$/);
    if (c.typed.length > 3000) {
      expectCut(labelledSections(h, incident.channelId, 'Impact'));
      expectCut(labelledSections(h, 'CANNOUNCE01', 'Impact'));
    }
  });

  it('a title longer than the form allows is refused under the field, not declared', async () => {
    const before = (await storedIncidents(h.store)).length;
    const { acks, problems } = await audited(async () => {
      await alice().command('declare');
      const tooLong = c.typed.length > 200 ? c.typed : `x${c.typed}`.repeat(Math.ceil(200 / c.typed.length));
      return alice().submit(openedView(h, 'declare_incident'), { title: tooLong, severity: 'SEV2' });
    });
    expect(problems).toEqual([]);
    expect(acks[0]?.json).toEqual({
      response_action: 'errors',
      errors: { title: expect.stringMatching(/under 150 characters/) },
    });
    expect(await storedIncidents(h.store)).toHaveLength(before);
  });

  it('/incident declare <title> pre-fills the form, cut to fit', async () => {
    const { problems } = await audited(() => alice().command(`declare ${c.slash}`));
    expect(problems).toEqual([]);
    const prefill =
      openedView(h, 'declare_incident').view.blocks.find((b: any) => b.block_id === 'title').element.initial_value ??
      '';
    expect(prefill.length).toBeLessThanOrEqual(150);
    const wanted = kept(fromSlackText(c.slash)).trim();
    if (wanted.length > 150) expect(prefill).toMatch(/…$/);
    else expect(prefill).toBe(wanted);
  });

  it('the update modal stores summary, impact and next steps as typed', async () => {
    const { problems } = await audited(async () => {
      const opened = await alice().command('update', incident.channelId);
      const submitted = await alice().submit(openedView(h, 'post_update'), {
        status: 'identified',
        summary: c.typed,
        impact: c.typed,
        next_steps: c.typed,
      });
      return [opened, submitted];
    });
    expect(problems).toEqual([]);
    const update = (await h.store.statusUpdates.list(incident.incidentId)).sort((a, b) => a.id - b.id).at(-1);
    const typed = kept(c.typed).trim();
    expect(update).toMatchObject({ status: 'identified', summary: typed, impact: typed, nextSteps: typed });
    if (c.typed.length > 3000)
      for (const label of ['What changed', 'Current impact', 'Next steps'])
        expectCut(labelledSections(h, incident.channelId, label));
  });

  it('/incident note stores the note as Slack sent it', async () => {
    const { problems } = await audited(() => alice().command(`note ${c.slash}`, incident.channelId));
    expect(problems).toEqual([]);
    // The entry's data keeps what was written; the text column is a plain line for database readers.
    const note = (await storedEntries(h.store, { kind: 'note' })).at(-1);
    expect(note?.kind === 'note' && note.data.source).toBe(kept(c.slash).trim());
  });

  it('/incident followup stores the action, with a trailing mention as its owner', async () => {
    const { problems } = await audited(async () => [
      await alice().command(`followup ${c.slash}`, incident.channelId),
      await alice().command(`followup ${c.slash} <@${PEOPLE.carol}|carol>`, incident.channelId),
      await alice().command('followups', incident.channelId),
    ]);
    expect(problems).toEqual([]);
    const rows = (await h.store.followups.list(incident.incidentId))
      .sort((a, b) => a.id - b.id)
      .map((f) => ({ text: f.text, owner_id: f.ownerId }));
    expect(rows.slice(-2)).toEqual([
      { text: kept(c.slash).trim(), owner_id: c.slash.trim().endsWith(`<@${EVIL.user}>`) ? EVIL.user : null },
      { text: kept(c.slash).trim(), owner_id: PEOPLE.carol },
    ]);
  });

  it('/incident severity SEV1 <reason> stores the reason, and junk severities are refused privately', async () => {
    const { acks, problems } = await audited(async () => [
      await alice().command(`severity SEV1 ${c.slash}`, incident.channelId),
      await alice().command(`severity ${c.slash}`, incident.channelId),
    ]);
    expect(problems).toEqual([]);
    expect(h.fake.responses(acks[1]?.responseUrl)[0]?.body.text).toMatch(/^There is no severity "/);
    const change = (await storedEntries(h.store, { kind: 'severity_changed' })).at(-1);
    expect(change?.data).toMatchObject({ to: 'SEV1', reason: fromSlackText(kept(c.slash)).trim() });
    expect((await h.store.incidents.get(incident.incidentId))?.severity).toBe('SEV1');
  });

  it('/incident assign with junk answers with the usage, or that the role does not exist', async () => {
    const { acks, problems } = await audited(async () => [
      await alice().command(`assign ${c.slash}`, incident.channelId),
      await alice().command(
        `assign ${c.slash.split(/\s+/).find(Boolean) ?? 'x'} <@${PEOPLE.bob}|bob>`,
        incident.channelId,
      ),
    ]);
    expect(problems).toEqual([]);
    expect(acks[0]?.json?.text).toMatch(/^Usage: /);
    expect(h.fake.responses(acks[1]?.responseUrl)[0]?.body.text).toMatch(/^There is no role "/);
    expect((await h.store.incidents.get(incident.incidentId))?.commanderId).toBe(PEOPLE.alice);
  });

  it('the message shortcut adds a hostile message to the timeline, in the channel and from elsewhere', async () => {
    const ts = `${h.clock.now() / 1000 + 30}.000100`;
    const { problems } = await audited(async () => {
      h.fake.channel(incident.channelId)!.members.add(PEOPLE.bob);
      const here = await h
        .user(PEOPLE.bob)
        .shortcut(h.fake.addMessage({ channel: incident.channelId, ts, user: PEOPLE.carol, text: c.slash }));
      const elsewhere = await h
        .user(PEOPLE.bob)
        .shortcut(
          h.fake.addMessage({ channel: 'CGENERAL', ts: '1795510900.000200', user: PEOPLE.carol, text: c.slash }),
        );
      const picked = await h
        .user(PEOPLE.bob)
        .submit(openedView(h, 'timeline_pick_incident'), { incident: String(incident.incidentId) });
      return [here, elsewhere, picked];
    });
    expect(problems).toEqual([]);
    const texts = (await storedEntries(h.store, { incidentId: incident.incidentId, kind: 'message' })).map(
      (e) => e.kind === 'message' && e.data.source,
    );
    expect(texts).toEqual([kept(c.slash).trim(), kept(c.slash).trim()]);
  });

  it('/incident timeline, status, list and the Home tab show it all within Slack’s limits', async () => {
    const { acks, problems } = await audited(async () => [
      await alice().command('timeline', incident.channelId),
      await alice().command('status', incident.channelId),
      await alice().command('list all'),
      await alice().openAppHome(),
    ]);
    expect(problems).toEqual([]);
    expect(acks[0]?.json?.blocks?.length).toBeGreaterThan(1);
    expect(h.fake.homeViews(PEOPLE.alice)).toBeDefined();
  });

  it('the resolve modal stores resolution and root cause as typed', async () => {
    const { problems } = await audited(async () => {
      const opened = await alice().command('resolve', incident.channelId);
      const submitted = await alice().submit(openedView(h, 'resolve_incident'), {
        resolution: c.typed,
        root_cause: c.typed,
      });
      return [opened, submitted];
    });
    expect(problems).toEqual([]);
    const stored = await h.store.incidents.get(incident.incidentId);
    expect(stored).toMatchObject({ resolution: kept(c.typed).trim(), rootCause: kept(c.typed).trim() });
    expect(stored?.resolvedAt).not.toBeNull();
    if (c.typed.length > 3000)
      for (const label of ['Resolution', 'Root cause']) expectCut(labelledSections(h, incident.channelId, label));
  });

  it('/incident postmortem uploads Markdown with no headings, tables or code from user text', async () => {
    const { problems } = await audited(() => alice().command('postmortem', incident.channelId));
    expect(problems).toEqual([]);
    const document = h.fake.uploads().at(-1)?.content ?? '';
    expect(document).toContain('## What could be improved');
    expect(document).toMatch(GANTT);
    const md = document.replace(GANTT, '\n');
    const lines = structure(md);
    expect(lines.filter((l) => l.startsWith('#') && !POSTMORTEM_HEADINGS.test(l))).toEqual([]);
    expect(lines.filter((l) => /^\s*(```|~~~|>(?! \*\*Draft))/.test(l) || /^(\s{4,}|\t)\S/.test(l))).toEqual([]);
    // The tables are the document's own: the header, Key times, Durations and the two action items.
    expect(lines.filter((l) => l.startsWith('|'))).toHaveLength(10 + 7 + 6 + 4);
    expect(md).not.toMatch(/(?<!\\)<[a-z!@#/]/i);
    expect(md.match(UNSAFE) ?? []).toEqual([]);
    expect(md).not.toMatch(/(?<!\\)\]\((?!https:\/\/fake\.slack\.com\/archives\/)/);
  });

  it('nothing stored keeps a control character or a bidi override', async () => {
    // Every column as the tables hold it, also those no repository reads back (the timeline's line).
    const tables = ['incidents', 'timeline', 'status_updates', 'followups'];
    const values: unknown[] = [];
    for (const t of tables) values.push(...(await tableRows(h, `SELECT * FROM ${t}`)).flatMap(Object.values));
    expect(values.flatMap(textsIn).filter((v) => kept(v) !== v)).toEqual([]);
  });

  it('an unknown subcommand with hostile text gets the help, privately', async () => {
    const { acks, problems } = await audited(async () => [
      await alice().command(c.slash),
      await alice().command(`x${c.slash.trim()}`),
    ]);
    expect(problems).toEqual([]);
    for (const ack of acks)
      expect(ack.json).toMatchObject({
        response_type: 'ephemeral',
        text: expect.stringMatching(/^(I don't know `|\*Commander\* runs incidents)/),
      });
  });
});
