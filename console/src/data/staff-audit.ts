import type { Clock, Db } from './db'

/** What staff did; `target` names a ticket, request, message or account, never a person's data. */
export type StaffAction =
  | 'login'
  | 'login_failed'
  | 'login_locked'
  | 'logout'
  | 'profile_viewed'
  | 'ticket_claimed'
  | 'ticket_assigned'
  | 'ticket_status'
  | 'ticket_note'
  | 'tte_approved'
  | 'tte_rejected'
  | 'outbox_marked_sent'
  | 'outbox_resent'
  | 'account_created'
  | 'account_disabled'
  | 'password_changed'
  | 'audit_exported'
  | 'transcript_viewed'
  | 'conversation_reviewed'
  | 'review_example_added'
  | 'test_story_exported'
  | 'takeover_started'
  | 'takeover_ended'

export const STAFF_ACTIONS: readonly StaffAction[] = [
  'login',
  'login_failed',
  'login_locked',
  'logout',
  'profile_viewed',
  'ticket_claimed',
  'ticket_assigned',
  'ticket_status',
  'ticket_note',
  'tte_approved',
  'tte_rejected',
  'outbox_marked_sent',
  'outbox_resent',
  'account_created',
  'account_disabled',
  'password_changed',
  'audit_exported',
  'transcript_viewed',
  'conversation_reviewed',
  'review_example_added',
  'test_story_exported',
  'takeover_started',
  'takeover_ended'
]

export interface StaffAuditEntry {
  id: number
  at: string
  actor: string
  action: StaffAction
  target: string
  detail: Record<string, unknown>
}

export interface AuditFilter {
  actor?: string
  action?: StaffAction
  from?: string
  to?: string
}

interface Row {
  id: number
  at: string
  actor: string
  action: StaffAction
  target: string
  detail: string
}
const toEntry = (row: Row): StaffAuditEntry => ({
  ...row,
  detail: JSON.parse(row.detail) as Record<string, unknown>
})

/** Append-only record of staff actions (who, when, what, on which object). */
export function createStaffAudit(db: Db, clock: Clock) {
  const insert = db.prepare(
    'INSERT INTO staff_audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)'
  )

  function where(filter: AuditFilter): { sql: string; params: string[] } {
    const clauses: string[] = []
    const params: string[] = []
    if (filter.actor !== undefined) {
      clauses.push('actor = ?')
      params.push(filter.actor)
    }
    if (filter.action !== undefined) {
      clauses.push('action = ?')
      params.push(filter.action)
    }
    if (filter.from !== undefined) {
      clauses.push('at >= ?')
      params.push(filter.from)
    }
    if (filter.to !== undefined) {
      clauses.push('at < ?')
      params.push(filter.to)
    }
    return { sql: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params }
  }

  return {
    record(
      actor: string,
      action: StaffAction,
      target = '',
      detail: Record<string, unknown> = {}
    ): void {
      insert.run(clock.now().toISOString(), actor, action, target, JSON.stringify(detail))
    },
    /** Newest first. */
    list(
      filter: AuditFilter,
      limit: number,
      offset = 0
    ): { entries: StaffAuditEntry[]; total: number } {
      const { sql, params } = where(filter)
      const rows = db
        .prepare(`SELECT * FROM staff_audit_log ${sql} ORDER BY id DESC LIMIT ? OFFSET ?`)
        .all(...params, limit, offset) as Row[]
      const { n } = db
        .prepare(`SELECT COUNT(*) AS n FROM staff_audit_log ${sql}`)
        .get(...params) as { n: number }
      return { entries: rows.map(toEntry), total: n }
    },
    /** Every matching entry, oldest first, for the CSV export. */
    *iterate(filter: AuditFilter): Generator<StaffAuditEntry> {
      const { sql, params } = where(filter)
      for (const row of db
        .prepare(`SELECT * FROM staff_audit_log ${sql} ORDER BY id`)
        .iterate(...params) as IterableIterator<Row>)
        yield toEntry(row)
    }
  }
}

export type StaffAudit = ReturnType<typeof createStaffAudit>
