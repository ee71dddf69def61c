import type { Clock, Db } from './db'

export const TTE_DECISIONS = ['disetujui', 'ditolak'] as const
export type TteDecision = (typeof TTE_DECISIONS)[number]
export const TTE_REQUEST_STATUSES = ['diajukan', ...TTE_DECISIONS] as const

export interface TteRequestRow {
  id: number
  ticketNumber: string
  jenisIdentitas: string
  identitas: string
  status: string
  createdAt: string
  decidedAt: string | null
  decidedBy: string | null
  decisionReason: string | null
}

interface Row {
  id: number
  ticket_number: string
  jenis_identitas: string
  identitas: string
  status: string
  created_at: string
  decided_at: string | null
  decided_by: string | null
  decision_reason: string | null
}
const toRow = (r: Row): TteRequestRow => ({
  id: r.id,
  ticketNumber: r.ticket_number,
  jenisIdentitas: r.jenis_identitas,
  identitas: r.identitas,
  status: r.status,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  decisionReason: r.decision_reason
})

/**
 * Staff decisions on TTE registration requests, stored on the request row (the directory file
 * stays read-only); the bot's "cek status TTE" reads the same row.
 */
export function createTteDecisions(db: Db, clock: Clock) {
  const byId = db.prepare('SELECT * FROM tte_requests WHERE id = ?')
  const byTicket = db.prepare(
    'SELECT * FROM tte_requests WHERE ticket_number = ? ORDER BY id DESC LIMIT 1'
  )
  const decide = db.prepare(
    "UPDATE tte_requests SET status = ?, decided_at = ?, decided_by = ?, decision_reason = ? WHERE id = ? AND status = 'diajukan'"
  )
  const ticketOf = db.prepare('SELECT id, status FROM tickets WHERE number = ?')
  const closeTicket = db.prepare('UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?')
  const event = db.prepare(
    'INSERT INTO ticket_events (ticket_id, at, actor, kind, visibility, body, detail) VALUES (?, ?, ?, ?, ?, ?, ?)'
  )

  return {
    list(
      status: string | undefined,
      limit: number,
      offset: number
    ): { rows: TteRequestRow[]; total: number } {
      const where = status === undefined ? '' : 'WHERE status = ?'
      const params = status === undefined ? [] : [status]
      const rows = db
        .prepare(`SELECT * FROM tte_requests ${where} ORDER BY id DESC LIMIT ? OFFSET ?`)
        .all(...params, limit, offset) as Row[]
      const { n } = db
        .prepare(`SELECT COUNT(*) AS n FROM tte_requests ${where}`)
        .get(...params) as { n: number }
      return { rows: rows.map(toRow), total: n }
    },
    get: (id: number): TteRequestRow | undefined => {
      const r = byId.get(id) as Row | undefined
      return r === undefined ? undefined : toRow(r)
    },
    byTicket: (number: string): TteRequestRow | undefined => {
      const r = byTicket.get(number) as Row | undefined
      return r === undefined ? undefined : toRow(r)
    },
    /** Records the decision once; false when the request was already decided (by someone else). */
    decide(id: number, decision: TteDecision, actor: string, reason: string): boolean {
      return db
        .transaction(() => {
          const now = clock.now().toISOString()
          if (decide.run(decision, now, actor, reason === '' ? null : reason, id).changes !== 1)
            return false
          const request = byId.get(id) as Row
          const ticket = ticketOf.get(request.ticket_number) as
            { id: number; status: string } | undefined
          if (ticket !== undefined) {
            event.run(
              ticket.id,
              now,
              actor,
              'tte_decision',
              'internal',
              reason,
              JSON.stringify({ decision })
            )
            if (ticket.status !== 'selesai' && ticket.status !== 'ditutup') {
              closeTicket.run('selesai', now, ticket.id)
              event.run(
                ticket.id,
                now,
                actor,
                'status',
                'internal',
                '',
                JSON.stringify({ from: ticket.status, to: 'selesai' })
              )
            }
          }
          return true
        })
        .immediate()
    }
  }
}

export type TteDecisions = ReturnType<typeof createTteDecisions>
