import { wibDay, type Clock } from '../time/clock'
import type { SqlDb, SqlExecutor } from './sql/sql-db'

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

/** Thrown inside `open`'s transaction to roll back the counter when the request key is known. */
class KnownRequest {
  constructor(readonly ticket: Ticket) {}
}

/**
 * Tickets numbered `TIK-YYYYMMDD-NNNN` (WIB day, per-day sequence from 0001, more digits past 9999).
 * The sequence comes from ticket_counters (migration 9) in one atomic upsert inside the opening
 * transaction: concurrent writers (several processes, PostgreSQL or SQLite) queue on that day's
 * counter row, never read the same number, and a rolled-back open gives its number back.
 */
export function createTicketsRepository(sql: SqlDb, clock: Clock) {
  /** The next number of `day`: the counter row stays locked until the transaction ends. */
  const nextSeq = async (tx: SqlExecutor, day: string): Promise<number> => {
    const counter = await tx.get<{ last_seq: number }>(
      `INSERT INTO ticket_counters (day, last_seq) VALUES (?, 1)
       ON CONFLICT (day) DO UPDATE SET last_seq = ticket_counters.last_seq + 1
       RETURNING last_seq`,
      [day]
    )
    if (counter === undefined) throw new Error('ticket counter upsert returned no row')
    return counter.last_seq
  }
  const insert = async (
    tx: SqlExecutor,
    ticket: NewTicket,
    now: Date,
    day: string,
    seq: number
  ): Promise<Ticket & { created: boolean }> => {
    const number = `TIK-${day}-${String(seq).padStart(4, '0')}`
    await tx.run(
      `INSERT INTO tickets (number, day, seq, category, sender_id, status, request_key, summary, data, created_at)
       VALUES (@number, @day, @seq, @category, @sender_id, @status, @request_key, @summary, @data, @created_at)`,
      {
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
      }
    )
    return {
      ...ticket,
      number,
      status: ticket.status ?? 'baru',
      createdAt: now.toISOString(),
      created: true
    }
  }
  const known = async (tx: SqlExecutor, requestKey: string | undefined) => {
    if (requestKey === undefined) return undefined
    const row = await tx.get<TicketRow>('SELECT * FROM tickets WHERE request_key = ?', [requestKey])
    return row === undefined ? undefined : toTicket(row)
  }

  /**
   * `within`: a transaction the caller holds (the identity limits' reset claim, which already
   * serialises its callers); the ticket is opened in it and commits or rolls back with it.
   */
  const open = async (
    ticket: NewTicket,
    within?: SqlExecutor
  ): Promise<Ticket & { created: boolean }> => {
    const now = clock.now()
    const day = wibDay(now)
    if (within !== undefined) {
      const existing = await known(within, ticket.requestKey)
      if (existing !== undefined) return { ...existing, created: false }
      return insert(within, ticket, now, day, await nextSeq(within, day))
    }
    try {
      return await sql.transaction(async (tx) => {
        // The counter row is locked first, so an open with the same request key running in
        // another process waits here and then sees the committed ticket.
        const seq = await nextSeq(tx, day)
        const existing = await known(tx, ticket.requestKey)
        if (existing !== undefined) throw new KnownRequest(existing)
        return insert(tx, ticket, now, day, seq)
      })
    } catch (err) {
      if (err instanceof KnownRequest) return { ...err.ticket, created: false }
      throw err
    }
  }

  return {
    /** Opens a ticket and returns it with its number (`created: false`: the request key was known). */
    open,
    find: async (number: string): Promise<Ticket | undefined> => {
      const row = await sql.get<TicketRow>('SELECT * FROM tickets WHERE number = ?', [number])
      return row === undefined ? undefined : toTicket(row)
    },
    list: async (): Promise<Ticket[]> =>
      (await sql.all<TicketRow>('SELECT * FROM tickets ORDER BY id')).map(toTicket),
    /** Status and last note for the user of one ticket (whoever opened it: callers check the sender). */
    statusOf: async (number: string): Promise<TicketStatusView | undefined> => {
      const row = await sql.get<TicketRow & { id: number }>(
        'SELECT * FROM tickets WHERE number = ?',
        [number]
      )
      if (row === undefined) return undefined
      const note = await sql.get<{ body: string; at: string }>(
        `SELECT body, at FROM ticket_events WHERE ticket_id = ? AND kind = 'note' AND visibility = 'pengguna'
         ORDER BY id DESC LIMIT 1`,
        [row.id]
      )
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
    recentOf: async (
      senderId: string,
      limit: number
    ): Promise<Array<Pick<TicketStatusView, 'number' | 'status' | 'summary' | 'createdAt'>>> =>
      // tickets_sender (sender_id, created_at) serves this
      (
        await sql.all<TicketRow>(
          'SELECT * FROM tickets WHERE sender_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
          [senderId, limit]
        )
      ).map((row) => ({
        number: row.number,
        status: row.status as TicketStatus,
        summary: row.summary,
        createdAt: row.created_at
      }))
  }
}

export type TicketsRepository = ReturnType<typeof createTicketsRepository>
