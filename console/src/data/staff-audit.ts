import type { Clock, SqlDb } from './db'

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

/** Rows per query of the CSV export. */
const EXPORT_PAGE = 1000

/** Append-only record of staff actions (who, when, what, on which object). */
export function createStaffAudit(sql: SqlDb, clock: Clock) {
  function where(filter: AuditFilter): { clauses: string[]; params: string[] } {
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
    return { clauses, params }
  }
  const whereSql = (clauses: string[]): string =>
    clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`

  return {
    async record(
      actor: string,
      action: StaffAction,
      target = '',
      detail: Record<string, unknown> = {}
    ): Promise<void> {
      await sql.run(
        'INSERT INTO staff_audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)',
        [clock.now().toISOString(), actor, action, target, JSON.stringify(detail)]
      )
    },
    /** Newest first. */
    async list(
      filter: AuditFilter,
      limit: number,
      offset = 0
    ): Promise<{ entries: StaffAuditEntry[]; total: number }> {
      const { clauses, params } = where(filter)
      const rows = await sql.all<Row>(
        `SELECT * FROM staff_audit_log ${whereSql(clauses)} ORDER BY id DESC LIMIT ? OFFSET ?`,
        [...params, limit, offset]
      )
      const count = await sql.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM staff_audit_log ${whereSql(clauses)}`,
        params
      )
      return { entries: rows.map(toEntry), total: count?.n ?? 0 }
    },
    /** Every matching entry, oldest first, for the CSV export (read a page at a time). */
    async *iterate(filter: AuditFilter): AsyncGenerator<StaffAuditEntry> {
      const { clauses, params } = where(filter)
      let afterId = 0
      for (;;) {
        const rows = await sql.all<Row>(
          `SELECT * FROM staff_audit_log ${whereSql([...clauses, 'id > ?'])} ORDER BY id LIMIT ${EXPORT_PAGE}`,
          [...params, afterId]
        )
        for (const row of rows) yield toEntry(row)
        const last = rows[rows.length - 1]
        if (last === undefined || rows.length < EXPORT_PAGE) return
        afterId = last.id
      }
    }
  }
}

export type StaffAudit = ReturnType<typeof createStaffAudit>
