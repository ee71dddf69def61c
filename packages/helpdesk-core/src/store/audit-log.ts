import type { Clock } from '../time/clock'
import type { SqlDb, SqlExecutor } from './sql/sql-db'

export type AuditEvent =
  | 'identity_lookup'
  | 'identity_lookup_limited'
  | 'identity_failed'
  | 'ticket_opened'
  | 'reset_requested'
  | 'whatsapp_queued'
  | 'tte_requested'
  | 'reset_repeat_refused'
  | 'reset_limited'
  | 'owner_notified'
  | 'group_chat_refused'
  | 'ticket_status_checked'

export interface AuditEntry {
  at: string
  senderId: string
  event: AuditEvent
  detail: Record<string, unknown>
}

/**
 * Append-only audit trail of what the bot did for whom. `detail` holds masked values only.
 */
export function createAuditLog(sql: SqlDb, clock: Clock) {
  return {
    /** `within`: a transaction the caller holds (the entry commits or rolls back with it). */
    async record(
      senderId: string,
      event: AuditEvent,
      detail: Record<string, unknown> = {},
      within?: SqlExecutor
    ): Promise<void> {
      await (within ?? sql).run(
        'INSERT INTO audit_log (at, sender_id, event, detail) VALUES (?, ?, ?, ?)',
        [clock.now().toISOString(), senderId, event, JSON.stringify(detail)]
      )
    },
    /** How many `event` entries this sender has in the last `windowMs`. */
    async count(senderId: string, event: AuditEvent, windowMs: number): Promise<number> {
      const since = new Date(clock.now().getTime() - windowMs).toISOString()
      const row = await sql.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM audit_log WHERE sender_id = ? AND event = ? AND at >= ?',
        [senderId, event, since]
      )
      return row?.n ?? 0
    },
    async list(): Promise<AuditEntry[]> {
      const rows = await sql.all<{
        at: string
        sender_id: string
        event: AuditEvent
        detail: string
      }>('SELECT at, sender_id, event, detail FROM audit_log ORDER BY id')
      return rows.map((r) => ({
        at: r.at,
        senderId: r.sender_id,
        event: r.event,
        detail: JSON.parse(r.detail) as Record<string, unknown>
      }))
    }
  }
}

export type AuditLog = ReturnType<typeof createAuditLog>
