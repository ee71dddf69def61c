/**
 * Real-browser tests (Playwright driving Debian's Chromium); run by `npm run test:browser -w console`
 * and by the browser stage of scripts/test-all.sh, not by the unit run.
 * @type {import('jest').Config}
 */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test-browser'],
  testMatch: ['**/*.test.ts'],
  // The core is compiled from its source (as tsconfig.json `paths` does for types).
  moduleNameMapper: {
    '^@helpdesk/core$': '<rootDir>/../packages/helpdesk-core/src',
    '^@helpdesk/core/testing$': '<rootDir>/../packages/helpdesk-core/test/helpers'
  },
  testTimeout: 120000
}
