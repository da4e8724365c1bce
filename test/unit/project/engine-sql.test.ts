import fs from 'node:fs';
import path from 'node:path';

const STORE = path.join(__dirname, '../../../src/store');
const read = (file: string) => fs.readFileSync(path.join(STORE, file), 'utf8');
const filesIn = (dir: string) =>
  fs
    .readdirSync(path.join(STORE, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));

/** String literals (quoted or template) that begin as a statement does. */
const STATEMENT =
  /(['"`])\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|LOCK|TRUNCATE)\b/g;
const statements = (text: string) => [...text.matchAll(STATEMENT)].length;

describe('SQL per engine', () => {
  it('the repositories hold no syntax only one engine speaks: that goes to engine-statements.ts', () => {
    const onlyOne = [
      /::\w/, // PostgreSQL's casts
      /FOR UPDATE|SKIP LOCKED|unnest|jsonb|ILIKE|DISTINCT ON/i,
      /INSERT OR (IGNORE|REPLACE)|json_each|json_insert|\.pluck\(|lastInsertRowid|\bdb\.prepare\b/,
    ];
    const repositories = fs.readdirSync(STORE).filter((f) => f.endsWith('.repository.ts'));
    expect(repositories.length).toBeGreaterThan(10);
    const offending = repositories.flatMap((file) =>
      onlyOne.filter((pattern) => pattern.test(read(file))).map((pattern) => `${file}: ${pattern}`),
    );
    expect(offending).toEqual([]);
  });

  // 23: the twenty of the last round, the lock and unlock of a transaction queue (index.ts), and the
  // similar search's count of common words (tsquery per word over the latest incidents).
  it('PostgreSQL keeps at most 23 statements of its own (transactions, migrations, the named few)', () => {
    const count = filesIn('postgres').reduce((sum, file) => sum + statements(read(file)), 0);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(23);
  });
});
