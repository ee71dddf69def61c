import { openSqlDb, type Db, type SqlDb, type StoreLocation } from '@helpdesk/core'

/**
 * SQLite connections behind the SqlDbs opened here, for data/satisfaction.ts only (the core's
 * satisfaction repository still takes a raw connection until pg-store's async core is merged).
 */
const rawSqlite = new WeakMap<SqlDb, Db>()

/** The raw SQLite connection of a store opened by openConsoleStore, if it is SQLite. */
export const rawSqliteOf = (sql: SqlDb): Db | undefined => rawSqlite.get(sql)

/**
 * Opens the shared store with every migration of the core package, the console's tables included:
 * PostgreSQL when DATABASE_URL is set, else the DATABASE_FILE SQLite file (WAL, busy timeout,
 * foreign keys).
 */
export async function openConsoleStore(location: StoreLocation): Promise<SqlDb> {
  const opened = await openSqlDb(location)
  if (opened.sqlite !== undefined) rawSqlite.set(opened.sql, opened.sqlite)
  return opened.sql
}
