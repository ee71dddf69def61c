/**
 * The scale test (issue 13 item 3): two Rasa processes on one PostgreSQL tracker store and one
 * Redis lock store, two action servers on one store; run by run.sh under
 * scripts/with-test-services.sh. One test file, so the four processes start once.
 */
/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testTimeout: 120_000,
  maxWorkers: 1
}
