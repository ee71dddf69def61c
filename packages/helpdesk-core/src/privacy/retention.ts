import type { Db } from '../store/database'
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
export function purgeExpiredPersonalData(db: Db, now: Date, retentionDays: number): RemovedCounts {
  const cutoff = retentionCutoff(now, retentionDays).toISOString()
  const tickets = db.prepare(
    `UPDATE tickets SET ${ANONYMISE_TICKET_SET} WHERE created_at < ? AND ${TICKET_HAS_PERSONAL_DATA}`
  )
  const tte = db.prepare('DELETE FROM tte_requests WHERE created_at < ?')
  const outbox = db.prepare('DELETE FROM whatsapp_outbox WHERE created_at < ?')
  const audit = db.prepare('DELETE FROM audit_log WHERE at < ?')
  const limits = db.prepare('DELETE FROM identity_limit_events WHERE at < ?')
  const surveys = db.prepare(
    `UPDATE csat_surveys SET ${ANONYMISE_SURVEY_SET} WHERE asked_at < ? AND ${SURVEY_HAS_PERSONAL_DATA}`
  )
  // The timeline of a ticket past retention goes with the ticket's personal data.
  const events = hasTable(db, 'ticket_events')
    ? db.prepare(
        'DELETE FROM ticket_events WHERE ticket_id IN (SELECT id FROM tickets WHERE created_at < ?)'
      )
    : undefined
  // The dashboard's analytics (migration 8): masked misunderstood texts go, chat keys are cleared.
  const analytics = hasTable(db, 'unrecognized_messages')
    ? {
        texts: db.prepare('DELETE FROM unrecognized_messages WHERE at < ?'),
        sessions: db.prepare(
          'UPDATE analytics_sessions SET sender_key = NULL WHERE started_at < ? AND sender_key IS NOT NULL'
        )
      }
    : undefined
  const cutoffSeconds = retentionCutoff(now, retentionDays).getTime() / 1000
  const takeovers = hasTable(db, 'takeovers')
    ? db.prepare(
        'DELETE FROM takeovers WHERE ticket_id IN (SELECT id FROM tickets WHERE created_at < ?)'
      )
    : undefined
  return db
    .transaction((): RemovedCounts => ({
      unrecognized_messages: analytics?.texts.run(cutoff).changes ?? 0,
      analytics_senders: analytics?.sessions.run(cutoffSeconds).changes ?? 0,
      ticket_events: events?.run(cutoff).changes ?? 0,
      takeovers: takeovers?.run(cutoff).changes ?? 0,
      tte_requests: tte.run(cutoff).changes,
      whatsapp_outbox: outbox.run(cutoff).changes,
      tickets: tickets.run(cutoff).changes,
      audit_log: audit.run(cutoff).changes,
      identity_limit_events: limits.run(cutoff).changes,
      csat_surveys: surveys.run(cutoff).changes,
      conversation_reviews: purgeConversationReviews(db, cutoff)
    }))
    .immediate()
}
