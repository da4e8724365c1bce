import { escapeMarkdown } from './markdown-text';
import type { PostmortemData } from './postmortem.types';

/**
 * The postmortem's checklist section: each item of each list attached (and each task added), who
 * ticked it and when; nothing when the incident had none.
 */
export function* checklistMarkdown(
  pm: Pick<PostmortemData, 'checklists'>,
  show: { person: (id: string | null) => string; time: (ms: number | null) => string; text: (typed: string) => string },
): Generator<string> {
  const { lists, adHoc } = pm.checklists;
  const groups = [
    ...lists.map((l) => ({ title: escapeMarkdown(l.title), items: l.items })),
    ...(adHoc.length > 0 ? [{ title: 'Added in the channel', items: adHoc }] : []),
  ];
  if (groups.length === 0) return;
  yield '## Checklists\n\n| Item | List | Done by | When |\n| --- | --- | --- | --- |\n';
  for (const group of groups) {
    for (const item of group.items) {
      const required = item.required ? ' _(required)_' : '';
      const done = item.tickedAt === null ? '⬜ Not done' : `✅ ${show.person(item.tickedBy)}`;
      yield `| ${show.text(item.text)}${required} | ${group.title} | ${done} | ${item.tickedAt === null ? '—' : show.time(item.tickedAt)} |\n`;
    }
  }
  yield '\n';
}
