import { createScratchDatabase, openSqlDb, type Migration, type SqlDb } from '../../src'
import { MIGRATIONS } from '../../src/store/migrations'

/** Both engines the store runs on; suites run once per engine with `describe.each(ENGINES)`. */
export const ENGINES = ['sqlite', 'postgres'] as const
export type Engine = (typeof ENGINES)[number]

/**
 * A fresh migrated database on `engine`: an in-memory SQLite file, or a scratch PostgreSQL
 * database on the test server. `close` closes and removes it.
 */
export async function openTestSqlDb(
  engine: Engine,
  migrations: readonly Migration[] = MIGRATIONS
): Promise<{ sql: SqlDb; url?: string; close: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const { sql } = await openSqlDb({ databaseFile: ':memory:' }, migrations)
    return { sql, close: () => sql.close() }
  }
  const scratch = await createScratchDatabase()
  const { sql } = await openSqlDb({ databaseUrl: scratch.url, databaseFile: '' }, migrations)
  return {
    sql,
    url: scratch.url,
    close: async () => {
      await sql.close()
      await scratch.drop()
    }
  }
}
