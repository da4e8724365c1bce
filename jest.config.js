/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type-checking is done once by `npm run typecheck`; per-file transpiling keeps jest fast.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  // One real PostgreSQL and one temp folder for the run (global-setup.ts).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 15000,
  // Jest's default is one worker less than the cores: a single worker on the 2-core machines CI and
  // the README's budget are measured on. Most suites wait on sockets, child processes and PostgreSQL
  // rather than on the CPU, so two share two cores well.
  maxWorkers: '100%',
};
