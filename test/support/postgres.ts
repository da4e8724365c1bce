import crypto from 'node:crypto';
import pg from 'pg';
import { createPool } from '../../src/store/postgres/pool';

/** `npm run test:unit` runs without a PostgreSQL server. */
export function postgresOff(): boolean {
  return process.env.COMMANDER_TEST_POSTGRES === 'off';
}

/**
 * A fresh, empty database on the run's PostgreSQL server (test/support/postgres-server.ts), and a
 * pool on it. Each call gets its own database, so test files (and tests) never see each other's rows.
 */
export async function freshPostgresDatabase(): Promise<{ url: string; pool: pg.Pool; close(): Promise<void> }> {
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (!serverUrl) {
    throw new Error(
      postgresOff()
        ? 'this test needs PostgreSQL, which `npm run test:unit` does not start: run it with `npx jest`'
        : 'TEST_POSTGRES_URL is not set: jest.config.js starts PostgreSQL in globalSetup',
    );
  }
  const name = `commander_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = serverUrl.replace(/\/postgres$/, `/${name}`);
  const pool = createPool(url);
  return { url, pool, close: () => pool.end() };
}
