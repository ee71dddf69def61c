import { openSqlDb, type OpenedSqlDb, type StoreLocation } from '@helpdesk/core'

/**
 * Opens the shared store with every migration of the core package, the console's tables included:
 * PostgreSQL when DATABASE_URL is set, else the DATABASE_FILE SQLite file (WAL, busy timeout,
 * foreign keys). The console uses `sql` only; `sqlite` is there for tests that seed a file.
 */
export const openConsoleStore = async (location: StoreLocation): Promise<OpenedSqlDb> =>
  await openSqlDb(location)
