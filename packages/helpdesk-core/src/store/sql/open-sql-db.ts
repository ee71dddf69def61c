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
      await sql.close().catch(() => undefined)
      throw new DatabaseUrlError(err, url)
    }
    return { sql }
  }
  const sqlite = openDatabase(location.databaseFile, migrations)
  return { sql: sqliteSqlDb(sqlite), sqlite }
}

/**
 * DATABASE_URL names a PostgreSQL store that cannot be used at start (server down, wrong password,
 * missing database, a failed migration): one line naming the variable and the driver's reason,
 * never the URL or its password (main.ts prints ACT_ERR_ messages as they are).
 */
export class DatabaseUrlError extends Error {
  readonly code = 'ACT_ERR_DATABASE_URL'
  constructor(cause: unknown, url: string) {
    super(
      `Store unavailable: the PostgreSQL store of DATABASE_URL cannot be used (${withoutSecrets(describe(cause), url)})`
    )
    this.name = 'DatabaseUrlError'
  }
}

function describe(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause)
  const code = (cause as { code?: unknown }).code
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message
}

/** The reason without the URL, its password or its user name, whatever the driver put in it. */
function withoutSecrets(reason: string, url: string): string {
  let parsed: URL | undefined
  try {
    parsed = new URL(url)
  } catch {
    parsed = undefined
  }
  const secrets = [url, parsed?.password, parsed && decodeURIComponent(parsed.password)].filter(
    (s): s is string => s !== undefined && s !== ''
  )
  let cleaned = reason
  for (const secret of secrets) cleaned = cleaned.split(secret).join('***')
  return cleaned.replace(/\s+/g, ' ').trim()
}
