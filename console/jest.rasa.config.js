/**
 * The conversation review against real Rasa 3.6 (the project's virtualenv, RASA_VENV or
 * ../.venv-rasa): run by `npm run test:rasa -w console` and by scripts/test-all.sh after the Rasa
 * virtualenv stage, not by the unit run (which must not need Python).
 * @type {import('jest').Config}
 */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test-rasa'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: {
    '^@helpdesk/core$': '<rootDir>/../packages/helpdesk-core/src',
    '^@helpdesk/core/testing$': '<rootDir>/../packages/helpdesk-core/test/helpers'
  },
  testTimeout: 180000
}
