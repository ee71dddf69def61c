import type Database from 'better-sqlite3'
import { openDatabase } from '../database'
import { MIGRATIONS, type Migration } from '../migrations'
import { migrateSql } from './migrate-sql'
import { isPostgresUrl, postgresSqlDb } from './postgres-sql-db'
import type { SqlDb } from './sql-db'
import { sqliteSqlDb } from './sqlite-sql-db'

/** Where the store lives: DATABASE_URL (PostgreSQL) when set, else the DATABASE_FILE SQLite file. */
export interface StoreLocation {
  databaseUrl?: string
  databaseFile: string
}

export interface OpenedSqlDb {
  sql: SqlDb
  /**
   * The raw SQLite connection, only for the embedded engine (undefined on PostgreSQL). Kept while
   * code moves to `sql`; new code must not use it.
   */
  sqlite?: Database.Database
}

/** Opens the store's database on the configured engine and applies pending migrations. */
export async function openSqlDb(
  location: StoreLocation,
  migrations: readonly Migration[] = MIGRATIONS
): Promise<OpenedSqlDb> {
  const url = location.databaseUrl
  if (url !== undefined && url !== '') {
    if (!isPostgresUrl(url)) {
      throw new Error(
        'Invalid configuration: DATABASE_URL must start with postgres:// or postgresql://'
      )
    }
    const sql = postgresSqlDb(url)
    try {
      await migrateSql(sql, migrations)
    } catch (err) {
      await sql.close()
      throw err
    }
    return { sql }
  }
  const sqlite = openDatabase(location.databaseFile, migrations)
  return { sql: sqliteSqlDb(sqlite), sqlite }
}
