import { closeSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS, type Migration } from './migrations'

export type Db = Database.Database

/**
 * Opens (creating the folder and file when missing) the SQLite store and applies pending
 * migrations. `:memory:` is accepted for tests.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  let db: Db
  try {
    if (file !== ':memory:') createOwnerOnly(file)
    db = new Database(file)
  } catch (err) {
    throw new DatabaseFileError(err)
  }
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db, migrations)
  return db
}

/**
 * The store holds personal data: a new folder is created 0700 and a new file 0600 (SQLite gives
 * its -wal and -shm files the same mode). Existing ones keep the mode the operator chose.
 */
function createOwnerOnly(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  closeSync(openSync(file, 'a', 0o600))
}

/** An unusable DATABASE_FILE: one line naming the variable (main.ts prints ACT_ERR_ messages). */
export class DatabaseFileError extends Error {
  readonly code = 'ACT_ERR_DATABASE_FILE'
  constructor(cause: unknown) {
    const reason = (cause as { code?: unknown }).code
    super(
      `Invalid configuration: DATABASE_FILE cannot be opened for writing (${typeof reason === 'string' ? reason : (cause as Error).message})`
    )
    this.name = 'DatabaseFileError'
  }
}

/**
 * Applies, in version order, every migration whose version is not recorded yet; returns the
 * versions applied. Not "everything above the highest version": features developed in parallel
 * get their numbers in advance, so a database may have run 8 before 6 and 7 existed.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)'
  )
  const isRecorded = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck()
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)'
  )
  const applied: number[] = []
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    // Checked inside the write lock (IMMEDIATE): two processes starting on a new file at once
    // must not both run the same migration ("table tickets already exists").
    db.transaction(() => {
      if (isRecorded.get(migration.version) !== undefined) return
      db.exec(migration.sql)
      record.run(migration.version, migration.name, new Date().toISOString())
      applied.push(migration.version)
    }).immediate()
  }
  return applied
}

/**
 * Opens another program's SQLite file read-only (Rasa's tracker store, RASA_TRACKER_DB): no
 * migration, no journal-mode change, no write possible; fails when the file does not exist.
 */
export function openReadOnlyDatabase(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  return db
}
