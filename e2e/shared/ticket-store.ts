import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'

/** The Rasa sender (Telegram chat id) a ticket was opened for, if the ticket is stored. */
export function ticketSender(databaseFile: string, ticket: string): string | undefined {
  const found = findTicketRow(databaseFile, ticket)
  const sender = found?.row.sender_id
  return sender === undefined || sender === null ? undefined : String(sender)
}

/**
 * Finds a ticket in the action server's SQLite database (read-only): the `tickets` table
 * (packages/helpdesk-core/src/store/migrations.ts) by `number`; if the layout ever changes, every table
 * and text column is searched for the exact ticket number instead.
 */
export function findTicketRow(
  databaseFile: string,
  ticket: string
): { table: string; row: Record<string, unknown> } | undefined {
  if (!existsSync(databaseFile)) return undefined
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true })
  try {
    const hasTickets =
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tickets'").get() !==
      undefined
    if (hasTickets) {
      const row = db.prepare('SELECT * FROM tickets WHERE number = ?').get(ticket) as
        Record<string, unknown> | undefined
      if (row !== undefined) return { table: 'tickets', row }
    }
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[]
    for (const { name } of tables) {
      const columns = db.prepare(`PRAGMA table_info("${name.replace(/"/g, '""')}")`).all() as {
        name: string
        type: string
      }[]
      for (const column of columns) {
        if (!/char|text|clob|^$/i.test(column.type)) continue
        const row = db
          .prepare(
            `SELECT * FROM "${name.replace(/"/g, '""')}" WHERE "${column.name.replace(/"/g, '""')}" = ? LIMIT 1`
          )
          .get(ticket) as Record<string, unknown> | undefined
        if (row !== undefined) return { table: name, row }
      }
    }
    return undefined
  } finally {
    db.close()
  }
}

export interface TicketRow {
  number: string
  category: string
  sender_id: string
  status: string
  summary: string
  data: string
}
export interface TteRequestRow {
  ticket_number: string
  sender_id: string
  jenis_identitas: string
  identitas: string
  status: string
}

/** One sender's tickets and TTE requests, read-only (tables of actions-server/README.md, "Store"). */
export function readStore(
  databaseFile: string,
  sender: string
): { tickets: TicketRow[]; tteRequests: TteRequestRow[] } {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true })
  try {
    const tickets = db
      .prepare(
        'SELECT number, category, sender_id, status, summary, data FROM tickets WHERE sender_id = ? ORDER BY number'
      )
      .all(sender) as TicketRow[]
    const tteRequests = db
      .prepare(
        'SELECT ticket_number, sender_id, jenis_identitas, identitas, status FROM tte_requests WHERE sender_id = ?'
      )
      .all(sender) as TteRequestRow[]
    return { tickets, tteRequests }
  } finally {
    db.close()
  }
}
