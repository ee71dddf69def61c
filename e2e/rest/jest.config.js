/**
 * REST end-to-end suite: real Rasa (trained model) + real action server + loopback fakes of the
 * WhatsApp Cloud API and the account-reset API. One conversation test file, so Rasa starts once (the staff console section, test/staff-loop.ts, is registered from it);
 * test/action-call-retry.test.ts needs no Rasa server.
 * Run with `npm run rasa:e2e` (needs `npm run build` and `npm run rasa:train` first).
 */
/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testTimeout: 60000,
  maxWorkers: 1
}
