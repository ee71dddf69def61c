/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The core is compiled from its source (as tsconfig.json `paths` does for types), so tests
  // never run against a stale packages/helpdesk-core/dist.
  moduleNameMapper: {
    '^@helpdesk/core$': '<rootDir>/../packages/helpdesk-core/src',
    '^@helpdesk/core/testing$': '<rootDir>/../packages/helpdesk-core/test/helpers'
  },
  testTimeout: 30000
}
