/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type-checking is done once by `npm run typecheck`; per-file transpiling keeps jest fast.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  // One real PostgreSQL for the run; the store's tests run against it as well as SQLite.
  globalSetup: '<rootDir>/test/support/postgres-server.ts',
  globalTeardown: '<rootDir>/test/support/postgres-server-stop.ts',
  testTimeout: 15000,
};
