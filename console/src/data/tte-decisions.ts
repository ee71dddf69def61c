import type { Clock, SqlDb } from './db'

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
export function createTteDecisions(sql: SqlDb, clock: Clock) {
  const EVENT =
    'INSERT INTO ticket_events (ticket_id, at, actor, kind, visibility, body, detail) VALUES (?, ?, ?, ?, ?, ?, ?)'

  return {
    async list(
      status: string | undefined,
      limit: number,
      offset: number
    ): Promise<{ rows: TteRequestRow[]; total: number }> {
      const where = status === undefined ? '' : 'WHERE status = ?'
      const params = status === undefined ? [] : [status]
      const rows = await sql.all<Row>(
        `SELECT * FROM tte_requests ${where} ORDER BY id DESC LIMIT ? OFFSET ?`,
        [...params, limit, offset]
      )
      const count = await sql.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM tte_requests ${where}`,
        params
      )
      return { rows: rows.map(toRow), total: count?.n ?? 0 }
    },
    get: async (id: number): Promise<TteRequestRow | undefined> => {
      const r = await sql.get<Row>('SELECT * FROM tte_requests WHERE id = ?', [id])
      return r === undefined ? undefined : toRow(r)
    },
    byTicket: async (number: string): Promise<TteRequestRow | undefined> => {
      const r = await sql.get<Row>(
        'SELECT * FROM tte_requests WHERE ticket_number = ? ORDER BY id DESC LIMIT 1',
        [number]
      )
      return r === undefined ? undefined : toRow(r)
    },
    /** Records the decision once; false when the request was already decided (by someone else). */
    async decide(
      id: number,
      decision: TteDecision,
      actor: string,
      reason: string
    ): Promise<boolean> {
      return await sql.transaction(async (tx) => {
        const now = clock.now().toISOString()
        // One conditional UPDATE: of two staff deciding at once, only one changes the row.
        const request = await tx.get<Row>(
          "UPDATE tte_requests SET status = ?, decided_at = ?, decided_by = ?, decision_reason = ? WHERE id = ? AND status = 'diajukan' RETURNING *",
          [decision, now, actor, reason === '' ? null : reason, id]
        )
        if (request === undefined) return false
        const ticket = await tx.get<{ id: number; status: string }>(
          'SELECT id, status FROM tickets WHERE number = ?',
          [request.ticket_number]
        )
        if (ticket !== undefined) {
          await tx.run(EVENT, [
            ticket.id,
            now,
            actor,
            'tte_decision',
            'internal',
            reason,
            JSON.stringify({ decision })
          ])
          if (ticket.status !== 'selesai' && ticket.status !== 'ditutup') {
            await tx.run('UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?', [
              'selesai',
              now,
              ticket.id
            ])
            await tx.run(EVENT, [
              ticket.id,
              now,
              actor,
              'status',
              'internal',
              '',
              JSON.stringify({ from: ticket.status, to: 'selesai' })
            ])
          }
        }
        return true
      })
    }
  }
}

export type TteDecisions = ReturnType<typeof createTteDecisions>
