import type { Clock, Db } from './db'

export type TakeoverEndReason = 'staf' | 'menganggur' | 'percakapan_diulang'

export interface Takeover {
  id: number
  ticketId: number
  senderId: string
  staffId: number
  staffUsername: string
  startedAt: string
  lastActivityAt: string
  /** Rasa timestamp (seconds) of the last tracker event the console has seen. */
  lastEventTime: number
  endedAt: string | null
  endedBy: string | null
  endReason: TakeoverEndReason | null
}

interface Row {
  id: number
  ticket_id: number
  sender_id: string
  staff_id: number
  staff_username: string
  started_at: string
  last_activity_at: string
  last_event_time: number
  ended_at: string | null
  ended_by: string | null
  end_reason: TakeoverEndReason | null
}

const toTakeover = (r: Row): Takeover => ({
  id: r.id,
  ticketId: r.ticket_id,
  senderId: r.sender_id,
  staffId: r.staff_id,
  staffUsername: r.staff_username,
  startedAt: r.started_at,
  lastActivityAt: r.last_activity_at,
  lastEventTime: r.last_event_time,
  endedAt: r.ended_at,
  endedBy: r.ended_by,
  endReason: r.end_reason
})

export type ClaimResult = { claimed: true; takeover: Takeover } | { claimed: false; heldBy: string }

/**
 * The takeovers table (migration 6). `claim` is the only way to start one: the partial UNIQUE
 * index on active rows makes a second claim for the same conversation fail inside SQLite, so
 * two staff pressing at the same moment cannot both win, even from two console processes.
 */
export function createTakeovers(db: Db, clock: Clock) {
  const insert = db.prepare(
    'INSERT INTO takeovers (ticket_id, sender_id, staff_id, staff_username, started_at, last_activity_at, last_event_time) VALUES (?, ?, ?, ?, ?, ?, ?)'
  )
  const byId = db.prepare('SELECT * FROM takeovers WHERE id = ?')
  const activeBySender = db.prepare(
    'SELECT * FROM takeovers WHERE sender_id = ? AND ended_at IS NULL'
  )
  const active = db.prepare('SELECT * FROM takeovers WHERE ended_at IS NULL ORDER BY id')
  const ofTicket = db.prepare('SELECT * FROM takeovers WHERE ticket_id = ? ORDER BY id')
  const remove = db.prepare('DELETE FROM takeovers WHERE id = ? AND ended_at IS NULL')
  const end = db.prepare(
    'UPDATE takeovers SET ended_at = ?, ended_by = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL'
  )
  const touch = db.prepare('UPDATE takeovers SET last_activity_at = ? WHERE id = ?')
  const seen = db.prepare(
    'UPDATE takeovers SET last_event_time = max(last_event_time, ?) WHERE id = ?'
  )
  const now = (): string => clock.now().toISOString()

  return {
    claim(
      ticket: { id: number; senderId: string },
      staff: { id: number; username: string },
      lastEventTime: number
    ): ClaimResult {
      try {
        const at = now()
        const id = Number(
          insert.run(ticket.id, ticket.senderId, staff.id, staff.username, at, at, lastEventTime)
            .lastInsertRowid
        )
        return { claimed: true, takeover: toTakeover(byId.get(id) as Row) }
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err
        const holder = activeBySender.get(ticket.senderId) as Row | undefined
        return { claimed: false, heldBy: holder?.staff_username ?? 'petugas lain' }
      }
    },
    /** Undoes a claim whose start failed half-way (Rasa or the gateway refused): no trace left. */
    discard: (id: number): void => {
      remove.run(id)
    },
    /** Ends an active takeover; false when it had already ended (idle and manual hand-back race). */
    end: (id: number, by: string, reason: TakeoverEndReason): boolean =>
      end.run(now(), by, reason, id).changes === 1,
    touch: (id: number): void => {
      touch.run(now(), id)
    },
    markSeen: (id: number, eventTime: number): void => {
      seen.run(eventTime, id)
    },
    find: (id: number): Takeover | undefined => {
      const row = byId.get(id) as Row | undefined
      return row === undefined ? undefined : toTakeover(row)
    },
    activeFor: (senderId: string): Takeover | undefined => {
      const row = activeBySender.get(senderId) as Row | undefined
      return row === undefined ? undefined : toTakeover(row)
    },
    allActive: (): Takeover[] => (active.all() as Row[]).map(toTakeover),
    ofTicket: (ticketId: number): Takeover[] => (ofTicket.all(ticketId) as Row[]).map(toTakeover)
  }
}

export type Takeovers = ReturnType<typeof createTakeovers>
