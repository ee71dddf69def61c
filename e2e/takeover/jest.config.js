/**
 * The live-takeover end-to-end test: real Rasa (HTTP API with a token), the real gateway (fake
 * Bot API on loopback), the real action server and the console; run by run.sh.
 */
/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.e2e.test.ts'],
  testTimeout: 120_000,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }]
  }
}
