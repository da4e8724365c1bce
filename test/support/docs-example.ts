import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/**
 * The first fenced block of `lang` after the heading that starts with `heading`, in a file of the
 * repository (e.g. docs/rules.md): so a test runs the docs' example as readers copy it.
 */
export function docsBlock(file: string, heading: string, lang: string): string {
  const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
  const at = lines.findIndex((line) => /^#{1,6} /.test(line) && line.replace(/^#+ /, '').startsWith(heading));
  if (at < 0) throw new Error(`${file} has no heading "${heading}"`);
  const open = lines.findIndex((line, i) => i > at && line.trim() === `\`\`\`${lang}`);
  const close = lines.findIndex((line, i) => i > open && line.trim() === '```');
  if (open < 0 || close < 0) throw new Error(`${file} has no ${lang} block after "${heading}"`);
  return `${lines.slice(open + 1, close).join('\n')}\n`;
}
