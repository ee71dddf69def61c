/**
 * @helpdesk/core: the helpdesk domain shared by the services (action server, staff console):
 * identity rules, the SQLite store, the employee directory, account reset and WhatsApp providers,
 * the knowledge base, the masking logger and the time helpers. Services import only this entry
 * point, never another service's `src/`.
 */
export * from './identity'
export * from './time/clock'
export * from './time/calendar'
export * from './store'
export { openDatabase, migrate, type Db } from './store/database'
export { MIGRATIONS, type Migration } from './store/migrations'
export * from './store/audit-log'
export * from './store/outbox-repository'
export * from './store/tickets-repository'
export * from './store/tte-requests-repository'
export * from './data-files/ajv'
export * from './data-files/data-file-error'
export * from './data-files/read-data-file'
export * from './knowledge/types'
export * from './knowledge/knowledge-schema'
export * from './knowledge/load-knowledge'
export * from './directory/types'
export * from './directory/employee-schema'
export * from './directory/file-directory'
export * from './directory/http-directory'
export * from './reset/reset-provider'
export * from './reset/http-reset-provider'
export * from './whatsapp/message'
export * from './whatsapp/cloud-api'
export * from './whatsapp/whatsapp-sender'
export * from './outbound/retry'
export * from './logging/logger'
export * from './logging/mask'
