import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createScratchDatabase,
  openSqlDb,
  openStore,
  type Clock,
  type Migration,
  type SqlDb,
  type Store,
  type StoreLocation
} from '../../src'
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

/**
 * A fresh store on `engine` at a location a second connection can open too (a temp SQLite file,
 * or a scratch PostgreSQL database), for tests of several processes sharing one database.
 * `close` closes the store and removes the database.
 */
export async function openTestStore(
  engine: Engine,
  clock: Clock
): Promise<{ store: Store; location: StoreLocation; close: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'helpdesk-store-'))
    const location = { databaseFile: join(dir, 'helpdesk.sqlite') }
    const store = await openStore(location, clock)
    return {
      store,
      location,
      close: async () => {
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }
  const scratch = await createScratchDatabase()
  const location = { databaseUrl: scratch.url, databaseFile: '' }
  const store = await openStore(location, clock)
  return {
    store,
    location,
    close: async () => {
      await store.close()
      await scratch.drop()
    }
  }
}

/**
 * An empty place for a store on `engine` (nothing opened yet): a temp SQLite file or a scratch
 * PostgreSQL database, for tests that open, close and reopen stores themselves (restarts).
 */
export async function testStoreLocation(
  engine: Engine
): Promise<{ location: StoreLocation; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'helpdesk-store-'))
    return {
      location: { databaseFile: join(dir, 'helpdesk.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true })
    }
  }
  const scratch = await createScratchDatabase()
  return { location: { databaseUrl: scratch.url, databaseFile: '' }, drop: scratch.drop }
}
