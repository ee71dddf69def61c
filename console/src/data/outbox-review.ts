import type { Clock, SqlDb } from './db'

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'uncertain'] as const

export interface OutboxRow {
  id: number
  recipient: string
  ticketNumber: string | null
  containsSecret: boolean
  status: string
  attempts: number
  lastError: string | null
  createdAt: string
  updatedAt: string
}

interface Row {
  id: number
  recipient: string
  ticket_number: string | null
  contains_secret: number
  status: string
  attempts: number
  last_error: string | null
  created_at: string
  updated_at: string
}
const toRow = (r: Row): OutboxRow => ({
  id: r.id,
  recipient: r.recipient,
  ticketNumber: r.ticket_number,
  containsSecret: Number(r.contains_secret) === 1,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at
})

/**
 * Staff review of the WhatsApp outbox. Only an `uncertain` message can be decided: marked sent
 * (the user confirmed it arrived) or queued again for the action server's sender.
 */
export function createOutboxReview(sql: SqlDb, clock: Clock) {
  const COLUMNS =
    'id, recipient, ticket_number, contains_secret, status, attempts, last_error, created_at, updated_at'

  return {
    async list(
      status: string | undefined,
      limit: number,
      offset: number
    ): Promise<{ rows: OutboxRow[]; total: number }> {
      const where = status === undefined ? '' : 'WHERE status = ?'
      const params = status === undefined ? [] : [status]
      const rows = await sql.all<Row>(
        `SELECT ${COLUMNS} FROM whatsapp_outbox ${where} ORDER BY id DESC LIMIT ? OFFSET ?`,
        [...params, limit, offset]
      )
      const count = await sql.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM whatsapp_outbox ${where}`,
        params
      )
      return { rows: rows.map(toRow), total: count?.n ?? 0 }
    },
    get: async (id: number): Promise<OutboxRow | undefined> => {
      const r = await sql.get<Row>(`SELECT ${COLUMNS} FROM whatsapp_outbox WHERE id = ?`, [id])
      return r === undefined ? undefined : toRow(r)
    },
    markSent: async (id: number): Promise<boolean> =>
      (
        await sql.run(
          "UPDATE whatsapp_outbox SET status = 'sent', last_error = NULL, updated_at = ? WHERE id = ? AND status = 'uncertain'",
          [clock.now().toISOString(), id]
        )
      ).changes === 1,
    /** False when the message is no longer uncertain or held a secret (its content is gone). */
    resend: async (id: number): Promise<boolean> => {
      const now = clock.now().toISOString()
      return (
        (
          await sql.run(
            "UPDATE whatsapp_outbox SET status = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'uncertain' AND contains_secret = 0",
            [now, now, id]
          )
        ).changes === 1
      )
    }
  }
}

export type OutboxReview = ReturnType<typeof createOutboxReview>
