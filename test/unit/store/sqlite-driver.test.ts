import { openDatabase } from '../../../src/store/sqlite/db';
import { sqliteDriver, toQuestionMarks } from '../../../src/store/sqlite/driver';

describe("SQLite's driver for the statements written once", () => {
  it("turns PostgreSQL's $n into SQLite's ?, in the order they appear, a $n used twice taking its value twice", () => {
    expect(toQuestionMarks('UPDATE t SET a = $2, b = $1 WHERE c = $2')).toEqual({
      text: 'UPDATE t SET a = ?, b = ? WHERE c = ?',
      order: [1, 0, 1],
    });
  });

  it('leaves a $ inside quoted text alone (a JSON path, a name)', () => {
    expect(toQuestionMarks(`SELECT json_insert(h, '$[#]', $1) AS "$2" FROM t WHERE id = $2`)).toEqual({
      text: `SELECT json_insert(h, '$[#]', ?) AS "$2" FROM t WHERE id = ?`,
      order: [0, 1],
    });
  });

  it('binds booleans as 1 and 0, undefined as NULL, and counts the rows a RETURNING statement changed', async () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, flag INTEGER NOT NULL, note TEXT)');
    const sql = sqliteDriver(db);
    await sql.run('INSERT INTO t (flag, note) VALUES ($1, $2)', [true, undefined]);
    await sql.run('INSERT INTO t (flag, note) VALUES ($1, $2)', [false, 'x']);
    expect(await sql.all('SELECT id, flag, note FROM t ORDER BY id')).toEqual([
      { id: 1, flag: 1, note: null },
      { id: 2, flag: 0, note: 'x' },
    ]);
    expect(await sql.run('UPDATE t SET note = $1 WHERE flag = $2 RETURNING id', ['y', 0])).toBe(1);
    expect(await sql.one('SELECT note FROM t WHERE id = $1', [2])).toEqual({ note: 'y' });
    expect(await sql.one('SELECT note FROM t WHERE id = $1', [3])).toBeUndefined();
    db.close();
  });
});
