/**
 * What every workspace's jest config shares: ts-jest, tests under test/, and `@helpdesk/core`
 * (plus its test helpers, `@helpdesk/core/testing`) compiled from the core's source, as the
 * workspaces' tsconfig.json `paths` do for types, so a test never runs against a stale dist/.
 */
const path = require('node:path')

const CORE = path.join(__dirname, 'packages', 'helpdesk-core')

/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: {
    '^@helpdesk/core$': path.join(CORE, 'src'),
    '^@helpdesk/core/testing$': path.join(CORE, 'test', 'helpers')
  },
  testTimeout: 30000
}
