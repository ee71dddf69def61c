/**
 * `@helpdesk/core/testing`: test helpers shared by the core's and the services' jest suites
 * (mapped in each service's tsconfig `paths` and jest `moduleNameMapper`; not part of the build).
 */
export * from './capture-logs'
export * from './clock'
export * from './loopback-fake'
export * from './personal-data-seed'
export * from './config-docs'
export * from './engines'
