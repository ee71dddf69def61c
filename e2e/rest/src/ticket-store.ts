import Database from 'better-sqlite3'

export interface TicketRow { number: string; category: string; sender_id: string; status: string; summary: string; data: string }
export interface TteRequestRow { ticket_number: string; sender_id: string; jenis_identitas: string; identitas: string; status: string }

/** Reads the action server's SQLite store read-only (tables of actions-server/README.md, "Store"). */
export function readStore (databaseFile: string, sender: string): { tickets: TicketRow[]; tteRequests: TteRequestRow[] } {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true })
  try {
    const tickets = db
      .prepare('SELECT number, category, sender_id, status, summary, data FROM tickets WHERE sender_id = ? ORDER BY number')
      .all(sender) as TicketRow[]
    const tteRequests = db
      .prepare('SELECT ticket_number, sender_id, jenis_identitas, identitas, status FROM tte_requests WHERE sender_id = ?')
      .all(sender) as TteRequestRow[]
    return { tickets, tteRequests }
  } finally {
    db.close()
  }
}
