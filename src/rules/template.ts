import type { RichText, Segment } from '../text/rich-text';

/** The fields a rule's text may name, as `{{title}}`: a fixed list, checked at start-up. */
export const TEMPLATE_FIELDS = ['number', 'title', 'severity', 'services', 'channel', 'commander', 'link'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The fields a template names that are not in the list (empty when it is fine). */
export function unknownFields(template: string): string[] {
  return [...template.matchAll(FIELD)]
    .map((m) => m[1] as string)
    .filter((name) => !(TEMPLATE_FIELDS as readonly string[]).includes(name));
}

/**
 * What the fields stand for in one incident. `commander` is a person and `link` a link, so in
 * text they stay data (a mention, a link) for the surface to write; in a URL they are their id
 * and address.
 */
export interface TemplateValues {
  number: string;
  title: string;
  severity: string;
  services: string;
  channel: string;
  commander: string | null;
  link: string | null;
}

const asSegment = (field: TemplateField, v: TemplateValues): Segment => {
  if (field === 'commander') return v.commander ? { user: v.commander } : '';
  if (field === 'link') return v.link ? { link: v.link } : '';
  return v[field];
};

/**
 * A message template filled in, as RichText: the template's own words and the plain fields are
 * text (escaped by the surface it lands on, as any text), the commander a mention, the link a link.
 */
export function fillText(template: string, values: TemplateValues): RichText {
  const out: RichText = [];
  const push = (segment: Segment) => {
    if (segment === '') return;
    const last = out.at(-1);
    if (typeof segment === 'string' && typeof last === 'string') out[out.length - 1] = last + segment;
    else out.push(segment);
  };
  let from = 0;
  for (const m of template.matchAll(FIELD)) {
    push(template.slice(from, m.index));
    push(asSegment(m[1] as TemplateField, values));
    from = m.index + m[0].length;
  }
  push(template.slice(from));
  return out;
}

/** A link template filled in: each field's value percent-encoded, as it lands inside a URL. */
export function fillUrl(template: string, values: TemplateValues): string {
  return template.replace(FIELD, (_m, name: string) => {
    const field = name as TemplateField;
    const value =
      field === 'commander' ? (values.commander ?? '') : field === 'link' ? (values.link ?? '') : values[field];
    return encodeURIComponent(value);
  });
}

/** A template filled in as plain text (follow-up text, which the store keeps as written). */
export function fillPlain(template: string, values: TemplateValues): string {
  return template.replace(FIELD, (_m, name: string) => {
    const field = name as TemplateField;
    return field === 'commander' ? (values.commander ?? '') : field === 'link' ? (values.link ?? '') : values[field];
  });
}
