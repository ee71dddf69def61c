/**
 * Last step of the abuse suite (e2e/abuse/run.sh): every log line written during the test run
 * (e2e/out/**, var/log/**) scanned for personal data. Separate from jest.config.js so it runs
 * after the attacks have written their logs.
 */
/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/scan'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testTimeout: 180000
}
