import type { Clock, SqlDb } from './db'

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
 * index on active rows makes a second claim for the same conversation insert nothing (ON CONFLICT
 * DO NOTHING, atomic in SQLite and in PostgreSQL), so two staff pressing at the same moment cannot
 * both win, even from two console processes.
 */
export function createTakeovers(sql: SqlDb, clock: Clock) {
  const now = (): string => clock.now().toISOString()
  const activeBySender = async (senderId: string): Promise<Row | undefined> =>
    await sql.get<Row>('SELECT * FROM takeovers WHERE sender_id = ? AND ended_at IS NULL', [
      senderId
    ])

  return {
    async claim(
      ticket: { id: number; senderId: string },
      staff: { id: number; username: string },
      lastEventTime: number
    ): Promise<ClaimResult> {
      const at = now()
      const row = await sql.get<Row>(
        `INSERT INTO takeovers (ticket_id, sender_id, staff_id, staff_username, started_at, last_activity_at, last_event_time)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING *`,
        [ticket.id, ticket.senderId, staff.id, staff.username, at, at, lastEventTime]
      )
      if (row !== undefined) return { claimed: true, takeover: toTakeover(row) }
      const holder = await activeBySender(ticket.senderId)
      return { claimed: false, heldBy: holder?.staff_username ?? 'petugas lain' }
    },
    /** Undoes a claim whose start failed half-way (Rasa or the gateway refused): no trace left. */
    discard: async (id: number): Promise<void> => {
      await sql.run('DELETE FROM takeovers WHERE id = ? AND ended_at IS NULL', [id])
    },
    /** Ends an active takeover; false when it had already ended (idle and manual hand-back race). */
    end: async (id: number, by: string, reason: TakeoverEndReason): Promise<boolean> =>
      (
        await sql.run(
          'UPDATE takeovers SET ended_at = ?, ended_by = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL',
          [now(), by, reason, id]
        )
      ).changes === 1,
    touch: async (id: number): Promise<void> => {
      await sql.run('UPDATE takeovers SET last_activity_at = ? WHERE id = ?', [now(), id])
    },
    markSeen: async (id: number, eventTime: number): Promise<void> => {
      // The larger of the two (SQLite's max(a, b) is GREATEST in PostgreSQL; CASE is both).
      await sql.run(
        'UPDATE takeovers SET last_event_time = CASE WHEN last_event_time < ? THEN ? ELSE last_event_time END WHERE id = ?',
        [eventTime, eventTime, id]
      )
    },
    find: async (id: number): Promise<Takeover | undefined> => {
      const row = await sql.get<Row>('SELECT * FROM takeovers WHERE id = ?', [id])
      return row === undefined ? undefined : toTakeover(row)
    },
    activeFor: async (senderId: string): Promise<Takeover | undefined> => {
      const row = await activeBySender(senderId)
      return row === undefined ? undefined : toTakeover(row)
    },
    allActive: async (): Promise<Takeover[]> =>
      (await sql.all<Row>('SELECT * FROM takeovers WHERE ended_at IS NULL ORDER BY id')).map(
        toTakeover
      ),
    ofTicket: async (ticketId: number): Promise<Takeover[]> =>
      (
        await sql.all<Row>('SELECT * FROM takeovers WHERE ticket_id = ? ORDER BY id', [ticketId])
      ).map(toTakeover)
  }
}

export type Takeovers = ReturnType<typeof createTakeovers>
