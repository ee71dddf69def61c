import type { Clock } from '../time/clock'
import type { Db } from './database'

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
export function createAuditLog(db: Db, clock: Clock) {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, sender_id, event, detail) VALUES (?, ?, ?, ?)'
  )
  const countSince = db.prepare(
    'SELECT COUNT(*) AS n FROM audit_log WHERE sender_id = ? AND event = ? AND at >= ?'
  )
  const all = db.prepare('SELECT at, sender_id, event, detail FROM audit_log ORDER BY id')
  return {
    record(senderId: string, event: AuditEvent, detail: Record<string, unknown> = {}): void {
      insert.run(clock.now().toISOString(), senderId, event, JSON.stringify(detail))
    },
    /** How many `event` entries this sender has in the last `windowMs`. */
    count(senderId: string, event: AuditEvent, windowMs: number): number {
      const since = new Date(clock.now().getTime() - windowMs).toISOString()
      return (countSince.get(senderId, event, since) as { n: number }).n
    },
    list(): AuditEntry[] {
      return (
        all.all() as Array<{ at: string; sender_id: string; event: AuditEvent; detail: string }>
      ).map((r) => ({
        at: r.at,
        senderId: r.sender_id,
        event: r.event,
        detail: JSON.parse(r.detail) as Record<string, unknown>
      }))
    }
  }
}

export type AuditLog = ReturnType<typeof createAuditLog>
