import { wibDay, type Clock } from '../time/clock'
import type { Db } from './database'

export const TICKET_CATEGORIES = ['handoff', 'reset_password', 'tte', 'identitas_gagal'] as const
export type TicketCategory = (typeof TICKET_CATEGORIES)[number]
/** Every status a ticket can have once staff work it (the fixed list of the staff console contract); the bot opens `baru` or `selesai`. */
export const TICKET_STATUSES = [
  'baru',
  'ditangani',
  'menunggu_pengguna',
  'selesai',
  'ditutup'
] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]

/** What the user may learn about one of their tickets: status and the last note meant for them. */
export interface TicketStatusView {
  number: string
  senderId: string
  status: TicketStatus
  summary: string
  createdAt: string
  /** The newest staff note marked for the user (ticket_events, visibility `pengguna`), if any. */
  lastNoteForUser?: { body: string; at: string }
}

export interface NewTicket {
  category: TicketCategory
  senderId: string
  /** One Indonesian line for staff, e.g. "Reset password E-mail dinas". */
  summary: string
  /** What the bot collected (identity, system, outcome); stored as JSON for staff. */
  data: Record<string, unknown>
  /** `baru` (default: staff must act) or `selesai` (the bot resolved it; kept for the record). */
  status?: 'baru' | 'selesai'
  /** Same key → same ticket (a repeated action call does not open a second one). */
  requestKey?: string
}

export interface Ticket extends NewTicket {
  number: string
  status: 'baru' | 'selesai'
  createdAt: string
}

interface TicketRow {
  number: string
  category: TicketCategory
  sender_id: string
  status: 'baru' | 'selesai'
  request_key: string | null
  summary: string
  data: string
  created_at: string
}

const toTicket = (row: TicketRow): Ticket => ({
  ...(row.request_key === null ? {} : { requestKey: row.request_key }),
  number: row.number,
  category: row.category,
  senderId: row.sender_id,
  status: row.status,
  summary: row.summary,
  data: JSON.parse(row.data) as Record<string, unknown>,
  createdAt: row.created_at
})

/** Tickets numbered `TIK-YYYYMMDD-NNNN` (WIB day, per-day sequence from 0001, more digits past 9999). */
export function createTicketsRepository(db: Db, clock: Clock) {
  const nextSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM tickets WHERE day = ?')
  const insert =
    db.prepare(`INSERT INTO tickets (number, day, seq, category, sender_id, status, request_key, summary, data, created_at)
    VALUES (@number, @day, @seq, @category, @sender_id, @status, @request_key, @summary, @data, @created_at)`)
  const byRequestKey = db.prepare('SELECT * FROM tickets WHERE request_key = ?')
  const byNumber = db.prepare('SELECT * FROM tickets WHERE number = ?')
  const all = db.prepare('SELECT * FROM tickets ORDER BY id')
  const lastNoteForUser = db.prepare(
    `SELECT body, at FROM ticket_events WHERE ticket_id = ? AND kind = 'note' AND visibility = 'pengguna'
    ORDER BY id DESC LIMIT 1`
  )
  // tickets_sender (sender_id, created_at) serves this
  const recentOfSender = db.prepare(
    'SELECT * FROM tickets WHERE sender_id = ? ORDER BY created_at DESC, id DESC LIMIT ?'
  )

  const open = db.transaction((ticket: NewTicket): Ticket & { created: boolean } => {
    if (ticket.requestKey !== undefined) {
      const existing = byRequestKey.get(ticket.requestKey) as TicketRow | undefined
      if (existing !== undefined) return { ...toTicket(existing), created: false }
    }
    const now = clock.now()
    const day = wibDay(now)
    const { seq } = nextSeq.get(day) as { seq: number }
    const number = `TIK-${day}-${String(seq).padStart(4, '0')}`
    insert.run({
      number,
      day,
      seq,
      category: ticket.category,
      sender_id: ticket.senderId,
      status: ticket.status ?? 'baru',
      request_key: ticket.requestKey ?? null,
      summary: ticket.summary,
      data: JSON.stringify(ticket.data),
      created_at: now.toISOString()
    })
    return {
      ...ticket,
      number,
      status: ticket.status ?? 'baru',
      createdAt: now.toISOString(),
      created: true
    }
  })

  return {
    /** Opens a ticket and returns it with its number (`created: false`: the request key was known). */
    open: (ticket: NewTicket): Ticket & { created: boolean } => open.immediate(ticket),
    find: (number: string): Ticket | undefined => {
      const row = byNumber.get(number) as TicketRow | undefined
      return row === undefined ? undefined : toTicket(row)
    },
    list: (): Ticket[] => (all.all() as TicketRow[]).map(toTicket),
    /** Status and last note for the user of one ticket (whoever opened it: callers check the sender). */
    statusOf: (number: string): TicketStatusView | undefined => {
      const row = byNumber.get(number) as (TicketRow & { id: number }) | undefined
      if (row === undefined) return undefined
      const note = lastNoteForUser.get(row.id) as { body: string; at: string } | undefined
      return {
        number: row.number,
        senderId: row.sender_id,
        status: row.status as TicketStatus,
        summary: row.summary,
        createdAt: row.created_at,
        ...(note === undefined ? {} : { lastNoteForUser: note })
      }
    },
    /** The newest tickets opened from one chat (sender id), newest first. */
    recentOf: (
      senderId: string,
      limit: number
    ): Array<Pick<TicketStatusView, 'number' | 'status' | 'summary' | 'createdAt'>> =>
      (recentOfSender.all(senderId, limit) as TicketRow[]).map((row) => ({
        number: row.number,
        status: row.status as TicketStatus,
        summary: row.summary,
        createdAt: row.created_at
      }))
  }
}

export type TicketsRepository = ReturnType<typeof createTicketsRepository>
