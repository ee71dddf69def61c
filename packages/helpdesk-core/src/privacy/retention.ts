import type { SqlDb } from '../store/sql/sql-db'
import {
  ANONYMISE_SURVEY_SET,
  ANONYMISE_TICKET_SET,
  hasTable,
  SURVEY_HAS_PERSONAL_DATA,
  TICKET_HAS_PERSONAL_DATA,
  type RemovedCounts
} from './personal-data'
import { purgeConversationReviews } from './conversation-reviews'

const DAY_MS = 24 * 60 * 60 * 1000

/** The moment before which personal data is past its retention period. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS)
}

/**
 * Applies RETENTION_DAYS: every ticket, TTE request, outbox message, audit entry and
 * satisfaction survey created (asked) before `now - retentionDays` loses its personal data
 * (tickets and surveys anonymised, the rest deleted),
 * in one transaction. Rows exactly at the cutoff are kept. Timestamps are ISO strings in UTC,
 * so a string comparison is a time comparison.
 */
export async function purgeExpiredPersonalData(
  sql: SqlDb,
  now: Date,
  retentionDays: number
): Promise<RemovedCounts> {
  const cutoff = retentionCutoff(now, retentionDays).toISOString()
  const cutoffSeconds = retentionCutoff(now, retentionDays).getTime() / 1000
  return sql.transaction(async (tx): Promise<RemovedCounts> => {
    const run = async (query: string, value: string | number): Promise<number> =>
      (await tx.run(query, [value])).changes
    // The dashboard's analytics (migration 8): masked misunderstood texts go, chat keys are cleared.
    const analytics = await hasTable(tx, 'unrecognized_messages')
    const counts: RemovedCounts = {
      unrecognized_messages: analytics
        ? await run('DELETE FROM unrecognized_messages WHERE at < ?', cutoff)
        : 0,
      analytics_senders: analytics
        ? await run(
            'UPDATE analytics_sessions SET sender_key = NULL WHERE started_at < ? AND sender_key IS NOT NULL',
            cutoffSeconds
          )
        : 0,
      // The timeline of a ticket past retention goes with the ticket's personal data.
      ticket_events: (await hasTable(tx, 'ticket_events'))
        ? await run(
            'DELETE FROM ticket_events WHERE ticket_id IN (SELECT id FROM tickets WHERE created_at < ?)',
            cutoff
          )
        : 0,
      takeovers: (await hasTable(tx, 'takeovers'))
        ? await run(
            'DELETE FROM takeovers WHERE ticket_id IN (SELECT id FROM tickets WHERE created_at < ?)',
            cutoff
          )
        : 0,
      tte_requests: await run('DELETE FROM tte_requests WHERE created_at < ?', cutoff),
      whatsapp_outbox: await run('DELETE FROM whatsapp_outbox WHERE created_at < ?', cutoff),
      tickets: await run(
        `UPDATE tickets SET ${ANONYMISE_TICKET_SET} WHERE created_at < ? AND ${TICKET_HAS_PERSONAL_DATA}`,
        cutoff
      ),
      audit_log: await run('DELETE FROM audit_log WHERE at < ?', cutoff),
      identity_limit_events: await run('DELETE FROM identity_limit_events WHERE at < ?', cutoff),
      csat_surveys: await run(
        `UPDATE csat_surveys SET ${ANONYMISE_SURVEY_SET} WHERE asked_at < ? AND ${SURVEY_HAS_PERSONAL_DATA}`,
        cutoff
      ),
      conversation_reviews: await purgeConversationReviews(tx, cutoff)
    }
    return counts
  })
}
