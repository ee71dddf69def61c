import type { Clock, Db } from './db'

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
  containsSecret: r.contains_secret === 1,
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
export function createOutboxReview(db: Db, clock: Clock) {
  const byId = db.prepare(
    'SELECT id, recipient, ticket_number, contains_secret, status, attempts, last_error, created_at, updated_at FROM whatsapp_outbox WHERE id = ?'
  )
  const markSent = db.prepare(
    "UPDATE whatsapp_outbox SET status = 'sent', last_error = NULL, updated_at = ? WHERE id = ? AND status = 'uncertain'"
  )
  const requeue = db.prepare(
    "UPDATE whatsapp_outbox SET status = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'uncertain' AND contains_secret = 0"
  )

  return {
    list(
      status: string | undefined,
      limit: number,
      offset: number
    ): { rows: OutboxRow[]; total: number } {
      const where = status === undefined ? '' : 'WHERE status = ?'
      const params = status === undefined ? [] : [status]
      const rows = db
        .prepare(
          `SELECT id, recipient, ticket_number, contains_secret, status, attempts, last_error, created_at, updated_at
        FROM whatsapp_outbox ${where} ORDER BY id DESC LIMIT ? OFFSET ?`
        )
        .all(...params, limit, offset) as Row[]
      const { n } = db
        .prepare(`SELECT COUNT(*) AS n FROM whatsapp_outbox ${where}`)
        .get(...params) as { n: number }
      return { rows: rows.map(toRow), total: n }
    },
    get: (id: number): OutboxRow | undefined => {
      const r = byId.get(id) as Row | undefined
      return r === undefined ? undefined : toRow(r)
    },
    markSent: (id: number): boolean => markSent.run(clock.now().toISOString(), id).changes === 1,
    /** False when the message is no longer uncertain or held a secret (its content is gone). */
    resend: (id: number): boolean => {
      const now = clock.now().toISOString()
      return requeue.run(now, now, id).changes === 1
    }
  }
}

export type OutboxReview = ReturnType<typeof createOutboxReview>
