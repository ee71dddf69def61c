import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'

/**
 * Finds a ticket in the action server's SQLite database (read-only) without knowing the table
 * layout: every table and text column is searched for the exact ticket number.
 */
export function findTicketRow(databaseFile: string, ticket: string): { table: string; row: Record<string, unknown> } | undefined {
  if (!existsSync(databaseFile)) return undefined
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true })
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[]
    for (const { name } of tables) {
      const columns = db.prepare(`PRAGMA table_info("${name.replace(/"/g, '""')}")`).all() as { name: string; type: string }[]
      for (const column of columns) {
        if (!/char|text|clob|^$/i.test(column.type)) continue
        const row = db
          .prepare(`SELECT * FROM "${name.replace(/"/g, '""')}" WHERE "${column.name.replace(/"/g, '""')}" = ? LIMIT 1`)
          .get(ticket) as Record<string, unknown> | undefined
        if (row !== undefined) return { table: name, row }
      }
    }
    return undefined
  } finally {
    db.close()
  }
}
