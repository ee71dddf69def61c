import type { SqlDb } from '../../src'
import { openTestSqlDb } from '../helpers/engines'

/**
 * Every migration has a SQLite form (`sql`) and a PostgreSQL form (`postgres`), written by hand.
 * Both engines migrated from scratch must end with the same tables, columns and index names, so
 * code written once for both never meets a column that exists on one engine only.
 */
type Shape = { columns: string[]; indexes: string[] }

/** Indexes that exist on one engine only, on purpose. */
const POSTGRES_ONLY_INDEXES = [
  // SQLite's `username … UNIQUE COLLATE NOCASE` becomes a unique index on lower(username).
  'staff_accounts.staff_accounts_username'
]

async function sqliteShape(sql: SqlDb): Promise<Shape> {
  const columns = await sql.all<{ t: string; c: string }>(
    `SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`
  )
  // sql IS NULL: the automatic index of a UNIQUE or PRIMARY KEY constraint (PostgreSQL names those itself).
  const indexes = await sql.all<{ t: string; i: string }>(
    "SELECT tbl_name AS t, name AS i FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
  )
  return {
    columns: columns.map((r) => `${r.t}.${r.c}`).sort(),
    indexes: indexes.map((r) => `${r.t}.${r.i}`).sort()
  }
}

async function postgresShape(sql: SqlDb): Promise<Shape> {
  const columns = await sql.all<{ t: string; c: string }>(
    `SELECT table_name AS t, column_name AS c FROM information_schema.columns
     WHERE table_schema = current_schema()`
  )
  const indexes = await sql.all<{ t: string; i: string }>(
    `SELECT tablename AS t, indexname AS i FROM pg_indexes WHERE schemaname = current_schema()
     AND indexname NOT IN (SELECT conname FROM pg_constraint)`
  )
  return {
    columns: columns.map((r) => `${r.t}.${r.c}`).sort(),
    indexes: indexes
      .map((r) => `${r.t}.${r.i}`)
      .filter((name) => !POSTGRES_ONLY_INDEXES.includes(name))
      .sort()
  }
}

describe('store migrations on SQLite and PostgreSQL', () => {
  it('create the same tables, columns and indexes on both engines', async () => {
    const sqlite = await openTestSqlDb('sqlite')
    const postgres = await openTestSqlDb('postgres')
    try {
      const lite = await sqliteShape(sqlite.sql)
      const pg = await postgresShape(postgres.sql)
      expect(lite.columns.length).toBeGreaterThan(100)
      expect(pg.columns).toEqual(lite.columns)
      expect(pg.indexes).toEqual(lite.indexes)
      expect(
        await postgres.sql.all('SELECT version FROM schema_migrations ORDER BY version')
      ).toEqual(await sqlite.sql.all('SELECT version FROM schema_migrations ORDER BY version'))
    } finally {
      await sqlite.close()
      await postgres.close()
    }
  })

  it('keep staff user names unique regardless of case on both engines', async () => {
    for (const engine of ['sqlite', 'postgres'] as const) {
      const db = await openTestSqlDb(engine)
      try {
        const insert = (name: string): Promise<unknown> =>
          db.sql.run(
            "INSERT INTO staff_accounts (username, role, password_hash, created_at, password_changed_at) VALUES (?, 'admin', 'x', 't', 't')",
            [name]
          )
        await insert('Budi')
        await expect(insert('budi')).rejects.toThrow(
          engine === 'sqlite' ? /UNIQUE constraint/ : /unique constraint/
        )
      } finally {
        await db.close()
      }
    }
  })
})
