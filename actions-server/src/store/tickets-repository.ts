import { wibDay, type Clock } from './clock'
import type { Db } from './database'

export const TICKET_CATEGORIES = ['handoff', 'reset_password', 'tte', 'identitas_gagal'] as const
export type TicketCategory = (typeof TICKET_CATEGORIES)[number]

export interface NewTicket {
  category: TicketCategory
  senderId: string
  /** One Indonesian line for staff, e.g. "Reset password E-mail dinas". */
  summary: string
  /** What the bot collected (identity, system, outcome); stored as JSON for staff. */
  data: Record<string, unknown>
}

export interface Ticket extends NewTicket {
  number: string
  status: string
  createdAt: string
}

interface TicketRow { number: string, category: TicketCategory, sender_id: string, status: string, summary: string, data: string, created_at: string }

const toTicket = (row: TicketRow): Ticket => ({
  number: row.number,
  category: row.category,
  senderId: row.sender_id,
  status: row.status,
  summary: row.summary,
  data: JSON.parse(row.data) as Record<string, unknown>,
  createdAt: row.created_at
})

/** Tickets numbered `TIK-YYYYMMDD-NNNN` (WIB day, per-day sequence from 0001, more digits past 9999). */
export function createTicketsRepository (db: Db, clock: Clock) {
  const nextSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM tickets WHERE day = ?')
  const insert = db.prepare(`INSERT INTO tickets (number, day, seq, category, sender_id, summary, data, created_at)
    VALUES (@number, @day, @seq, @category, @sender_id, @summary, @data, @created_at)`)
  const byNumber = db.prepare('SELECT * FROM tickets WHERE number = ?')
  const all = db.prepare('SELECT * FROM tickets ORDER BY id')

  const open = db.transaction((ticket: NewTicket): Ticket => {
    const now = clock.now()
    const day = wibDay(now)
    const { seq } = nextSeq.get(day) as { seq: number }
    const number = `TIK-${day}-${String(seq).padStart(4, '0')}`
    insert.run({
      number, day, seq, category: ticket.category, sender_id: ticket.senderId,
      summary: ticket.summary, data: JSON.stringify(ticket.data), created_at: now.toISOString()
    })
    return { ...ticket, number, status: 'baru', createdAt: now.toISOString() }
  })

  return {
    /** Opens a ticket and returns it with its number. */
    open: (ticket: NewTicket): Ticket => open.immediate(ticket),
    find: (number: string): Ticket | undefined => {
      const row = byNumber.get(number) as TicketRow | undefined
      return row === undefined ? undefined : toTicket(row)
    },
    list: (): Ticket[] => (all.all() as TicketRow[]).map(toTicket)
  }
}

export type TicketsRepository = ReturnType<typeof createTicketsRepository>
