/** The shared store's database interface (SQLite or PostgreSQL) and time source come from the core. */
export { systemClock, type Clock, type SqlDb, type SqlExecutor } from '@helpdesk/core'
