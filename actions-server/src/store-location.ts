import type { StoreLocation } from '@helpdesk/core'
import type { Config } from './config'

/** Where the store lives: DATABASE_URL (PostgreSQL) when set, else DATABASE_FILE (SQLite). */
export const storeLocation = (
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_FILE'>
): StoreLocation => ({
  databaseFile: config.DATABASE_FILE,
  ...(config.DATABASE_URL === undefined ? {} : { databaseUrl: config.DATABASE_URL })
})
