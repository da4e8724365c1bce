import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY } from '../../../src/config/policy';

/** shared/runbooks beside the repository (CI links it there), or the workspace's copy. */
function runbooksDir(): string {
  const candidates = [path.resolve(__dirname, '../../../../shared/runbooks'), '/work/shared/runbooks'];
  const found = candidates.find((dir) => fs.existsSync(dir));
  if (!found) throw new Error(`no runbooks found in ${candidates.join(' or ')}`);
  return found;
}

function runbook(number: string): string {
  const dir = runbooksDir();
  const file = fs.readdirSync(dir).find((f) => f.startsWith(`${number}_`));
  if (!file) throw new Error(`runbook ${number} is not in ${dir}`);
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

/** The lines of a section: from its heading to the next heading of any level. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const end = lines.findIndex((l, i) => i > start && /^#{1,6} /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** "- [ ] item" and "1. item" lines, as their text (a trailing colon introduces a template, not the step). */
const steps = (lines: string[]) =>
  lines
    .map((l) => /^\s*(?:- \[ \]|\d+\.)\s+(.+)$/.exec(l)?.[1])
    .filter((t): t is string => t !== undefined)
    .map((t) => t.replace(/:$/, '').trim());

const shipped = (id: string) => DEFAULT_POLICY.checklists.lists.find((l) => l.id === id);

describe('the shipped checklists', () => {
  it('are runbook 002’s investigation checklist, item for item, for SEV1 and SEV2', () => {
    const items = steps(section(runbook('002'), '### 4. Investigation Checklist'));
    expect(items).toHaveLength(7);
    expect(shipped('investigate')?.items.map((i) => i.text)).toEqual(items);
    expect(shipped('investigate')?.when).toEqual({ severity: ['SEV1', 'SEV2'] });
  });

  it('are runbook 000’s communication steps, item for item, for the major incidents', () => {
    const items = steps(section(runbook('000'), '### 3. Communicate'));
    expect(items).toHaveLength(3);
    expect(shipped('communicate')?.items.map((i) => i.text)).toEqual(items);
    expect(shipped('communicate')?.when).toEqual({ severity: ['SEV1', 'SEV2'] });
    expect(shipped('communicate')?.items.every((i) => i.role === 'comms')).toBe(true);
  });

  it('are runbook 003’s resolution steps, item for item, for every incident', () => {
    const items = steps(section(runbook('003'), '### Step 6: Resolve'));
    expect(items).toHaveLength(4);
    expect(shipped('resolve')?.items.map((i) => i.text)).toEqual(items);
    expect(shipped('resolve')?.when).toEqual({});
  });

  it('are all the lists there are, warning (not refusing) at resolve time', () => {
    expect(DEFAULT_POLICY.checklists.lists.map((l) => l.id)).toEqual(['investigate', 'communicate', 'resolve']);
    expect(DEFAULT_POLICY.checklists.onResolve).toBe('warn');
  });
});
