import type { Clock } from '../time/clock'
import type { SqlDb } from './sql/sql-db'

export interface TteRequest {
  ticketNumber: string
  senderId: string
  jenisIdentitas: string
  identitas: string
  /** `diajukan` until staff decide in the console: then `disetujui` or `ditolak`. */
  status: string
  createdAt: string
  /** The staff decision (console), when there is one. */
  decidedAt?: string
  decisionReason?: string
}

interface Row {
  ticket_number: string
  sender_id: string
  jenis_identitas: string
  identitas: string
  status: string
  created_at: string
  decided_at?: string | null
  decision_reason?: string | null
}
const toRequest = (row: Row): TteRequest => ({
  ticketNumber: row.ticket_number,
  senderId: row.sender_id,
  jenisIdentitas: row.jenis_identitas,
  identitas: row.identitas,
  status: row.status,
  createdAt: row.created_at,
  ...(row.decided_at === undefined || row.decided_at === null ? {} : { decidedAt: row.decided_at }),
  ...(row.decision_reason === undefined || row.decision_reason === null
    ? {}
    : { decisionReason: row.decision_reason })
})

/** TTE registration requests recorded by the bot (the agency's own queue; BSrE has no status API). */
export function createTteRequestsRepository(sql: SqlDb, clock: Clock) {
  return {
    async record(request: {
      ticketNumber: string
      senderId: string
      jenisIdentitas: string
      identitas: string
    }): Promise<TteRequest> {
      const createdAt = clock.now().toISOString()
      await sql.run(
        `INSERT INTO tte_requests (ticket_number, sender_id, jenis_identitas, identitas, created_at)
         VALUES (?, ?, ?, ?, ?)`,
        [
          request.ticketNumber,
          request.senderId,
          request.jenisIdentitas,
          request.identitas,
          createdAt
        ]
      )
      return { ...request, status: 'diajukan', createdAt }
    },
    /** The most recent request for this NIP/NIK, if any. */
    async latestFor(identitas: string): Promise<TteRequest | undefined> {
      const row = await sql.get<Row>(
        'SELECT * FROM tte_requests WHERE identitas = ? ORDER BY id DESC LIMIT 1',
        [identitas]
      )
      return row === undefined ? undefined : toRequest(row)
    }
  }
}

export type TteRequestsRepository = ReturnType<typeof createTteRequestsRepository>
