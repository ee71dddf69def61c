/**
 * The abuse suite (npm test stage "abuse suite", e2e/abuse/run.sh): attacks the built action
 * server and gateway from outside on loopback ports, then scans every log line of the test run
 * for personal data. No Rasa needed.
 */
/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testTimeout: 180000,
  // The attacks share one machine with everything else; one file at a time keeps timings honest.
  maxWorkers: 1
}
