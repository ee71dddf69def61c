import type { Migration } from '../migrations'
import type { SqlDb, SqlExecutor } from './sql-db'

/** Any constant: the advisory lock that keeps two starting PostgreSQL clients from migrating at once. */
const MIGRATION_LOCK = 7_350_013

/**
 * Applies, in version order, every migration whose version is not recorded yet, each in its own
 * transaction; returns the versions applied. PostgreSQL runs `migration.postgres`; two services
 * starting together serialise on an advisory lock, and the second finds the work done.
 */
export async function migrateSql(db: SqlDb, migrations: readonly Migration[]): Promise<number[]> {
  const applied: number[] = []
  // Under the lock too: two concurrent CREATE TABLE IF NOT EXISTS on an empty PostgreSQL
  // database can both try to create it (duplicate key in pg_type).
  await db.transaction(async (tx) => {
    await lockMigrations(tx)
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)'
    )
  })
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const ddl = db.dialect === 'postgres' ? migration.postgres : migration.sql
    if (ddl === undefined) {
      throw new Error(`migration ${migration.version} (${migration.name}) has no PostgreSQL form`)
    }
    await db.transaction(async (tx) => {
      await lockMigrations(tx)
      const done = await tx.get('SELECT 1 AS done FROM schema_migrations WHERE version = ?', [
        migration.version
      ])
      if (done !== undefined) return
      await tx.exec(ddl)
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        new Date().toISOString()
      ])
      applied.push(migration.version)
    })
  }
  return applied
}

/** PostgreSQL: waits for the migration lock, held until the transaction ends (SQLite: BEGIN IMMEDIATE already serialises). */
async function lockMigrations(tx: SqlExecutor): Promise<void> {
  if (tx.dialect === 'postgres') await tx.run('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK])
}
