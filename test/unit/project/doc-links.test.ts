import fs from 'node:fs';
import path from 'node:path';
import { headingSlugs, links } from '../../support/markdown';

const root = path.resolve(__dirname, '..', '..', '..');

/** README.md and every Markdown file under docs/, as paths from the repository root. */
function documents(): string[] {
  const under = (folder: string): string[] =>
    fs.readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
      const file = path.posix.join(folder, entry.name);
      if (entry.isDirectory()) return under(file);
      return entry.name.endsWith('.md') ? [file] : [];
    });
  return ['README.md', ...under('docs')];
}

const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/**
 * What is wrong with a link from `from` (a path from the root), or undefined if it resolves:
 * the file or folder it names exists in the repository and, where it gives an #anchor into a
 * Markdown file, that file has a heading with that anchor.
 */
function brokenLink(from: string, target: string): string | undefined {
  // Addresses on the web, mail and the like are not checked here.
  if (/^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('//')) return undefined;
  const hash = target.indexOf('#');
  const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
  // GitHub reads a leading / from the repository's root.
  const file =
    pathPart === ''
      ? from
      : path.posix.normalize(path.posix.join(pathPart.startsWith('/') ? '' : path.posix.dirname(from), pathPart));
  if (file.startsWith('../') || file === '..') return `${file} is outside the repository`;
  if (!fs.existsSync(path.join(root, file))) return `${file} does not exist`;
  if (anchor === undefined) return undefined;
  if (!file.endsWith('.md')) {
    return /^L\d+(-L\d+)?$/.test(anchor) ? undefined : `#${anchor} is not a line anchor of ${file}`;
  }
  return headingSlugs(read(file)).has(anchor) ? undefined : `${file} has no heading #${anchor}`;
}

describe('links in README.md and docs/', () => {
  it.each(documents().map((file) => [file]))('every relative link in %s resolves', (file) => {
    const broken = links(read(file)).flatMap(({ target, line }) => {
      const problem = brokenLink(file, target);
      return problem ? [`${file}:${line} (${target}): ${problem}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it('leaves no page of docs/ unreachable from the README', () => {
    const reachable = new Set(['README.md']);
    const queue = ['README.md'];
    for (let file = queue.shift(); file; file = queue.shift()) {
      for (const { target } of links(read(file))) {
        if (/^[a-z][a-z\d+.-]*:/i.test(target) || brokenLink(file, target)) continue;
        const pathPart = decodeURIComponent(target.split('#')[0]!);
        if (!pathPart.endsWith('.md')) continue;
        const linked = path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart));
        if (!reachable.has(linked)) {
          reachable.add(linked);
          queue.push(linked);
        }
      }
    }
    expect(documents().filter((file) => !reachable.has(file))).toEqual([]);
  });
});

describe('heading anchors, as GitHub makes them', () => {
  it.each([
    ['## Events out (webhooks)', 'events-out-webhooks'],
    ['## Incident policy (`COMMANDER_CONFIG`)', 'incident-policy-commander_config'],
    ['### 2. Configure', '2-configure'],
    ['## Start-up refusals', 'start-up-refusals'],
    ['## Sending from anything else (generic)', 'sending-from-anything-else-generic'],
    ['## A [linked](x.md) _word_ and **bold**', 'a-linked-word-and-bold'],
    ['## Running it with Docker (Socket Mode)', 'running-it-with-docker-socket-mode'],
  ])('%s → #%s', (heading, slug) => {
    expect([...headingSlugs(heading)]).toEqual([slug]);
  });

  it('numbers a repeated heading, and sees no heading inside fenced code', () => {
    const text = '# Notes\n\n```yaml\n# Notes\n```\n\n## Notes\n\n## Notes\n';
    expect([...headingSlugs(text)]).toEqual(['notes', 'notes-1', 'notes-2']);
  });

  it('reads links outside code only', () => {
    const text = 'See [a](a.md#x) and `[b](b.md)`.\n\n```md\n[c](c.md)\n```\n\n[d]: <d.md>\n';
    expect(links(text).map((l) => l.target)).toEqual(['a.md#x', 'd.md']);
  });
});

describe('the architecture page', () => {
  it.each(['docs/architecture.md'])(
    'name only source files that exist (%s: paths under src/ written as `folder/file.ts`)',
    (page) => {
      const named = [...read(page).matchAll(/`([a-z-]+\/[\w./-]+\.ts)`/g)].map((m) => m[1]!);
      expect(named.length).toBeGreaterThan(20);
      const missing = named.filter(
        (p) => !fs.existsSync(path.join(root, 'src', p)) && !fs.existsSync(path.join(root, p)),
      );
      expect(missing).toEqual([]);
    },
  );
});
