/**
 * Where the store keeps personal data and how it is removed (issue 11.4, RETENTION_DAYS):
 * - tickets: anonymised, not deleted — number, category, summary, status and date stay for the
 *   helpdesk's statistics; the sender id, the collected data (NIP/NIK, name, unit, masked phone)
 *   and the request key (it embeds the sender id) are cleared;
 * - tte_requests, whatsapp_outbox, audit_log: the rows are deleted (each row is about one person;
 *   an outbox row is found by its ticket, or by the NIP/NIK pseudonym and chat it carries since
 *   migration 10, so a message without a ticket is erased too; the purge goes by age alone);
 * - identity_limit_events (pseudonymised NIP/NIK and chat ids for the abuse limits): the store
 *   itself keeps them 2 days at most; an erasure deletes that person's rows at once;
 * - ticket_events (the staff console's timeline: notes, messages to the user): deleted with the
 *   personal data of their ticket, when the console's migration has created the table;
 * - takeovers (live takeover by staff: who took which chat over, when): deleted with the personal
 *   data of their ticket (migration 6);
 * - csat_surveys (satisfaction surveys): anonymised, not deleted — rating, source, ticket number
 *   and dates stay for the SKM statistics; the sender id, the comment (free text the user typed)
 *   and the conversation key (a session key embeds the sender id) are cleared.
 * - conversation_reviews (the console's review of Rasa conversations, migration 7): deleted when
 *   the conversation started before the cutoff, or with its sender (erase).
 * - unrecognized_messages (masked texts the bot did not understand) are deleted, and the chat key
 *   (a hash of the chat id) of the dashboard's analytics_sessions (one row per conversation) is cleared:
 *   the counts stay for statistics, the link to a chat goes (migration 8).
 */
import type { SqlExecutor, SqlValue } from '../store/sql/sql-db'

/** The sender id an anonymised ticket carries instead of the Telegram chat id. */
export const ANONYMISED_SENDER = 'anonim'

/** What one purge or erase removed, by table. */
export interface RemovedCounts {
  /** Tickets whose personal data was cleared (the ticket row itself stays). */
  tickets: number
  tte_requests: number
  whatsapp_outbox: number
  audit_log: number
  identity_limit_events: number
  ticket_events: number
  takeovers: number
  /** Satisfaction surveys whose sender and comment were cleared (the rating stays). */
  csat_surveys: number
  /** The console's conversation reviews (with their tags and NLU-review records). */
  conversation_reviews: number
  /** Masked texts the bot did not understand (dashboard analytics, migration 8). */
  unrecognized_messages: number
  /** Dashboard conversations (analytics_sessions) whose chat key was cleared (counts stay). */
  analytics_senders: number
}

export const emptyCounts = (): RemovedCounts => ({
  tickets: 0,
  tte_requests: 0,
  whatsapp_outbox: 0,
  audit_log: 0,
  identity_limit_events: 0,
  ticket_events: 0,
  csat_surveys: 0,
  conversation_reviews: 0,
  unrecognized_messages: 0,
  analytics_senders: 0,
  takeovers: 0
})

/** Whether a table exists (tables added by later migrations, e.g. the console's ticket_events). */
export async function hasTable(sql: SqlExecutor, name: string): Promise<boolean> {
  const row =
    sql.dialect === 'postgres'
      ? await sql.get(
          'SELECT 1 AS found FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?',
          [name]
        )
      : await sql.get("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?", [
          name
        ])
  return row !== undefined
}

/**
 * `IN (?, ?, …)` for a list of values, in the SQL both engines accept; an empty list matches
 * nothing (`IN (NULL)`). The lists here are one person's tickets or chats: a handful of values.
 */
export function inList(values: readonly SqlValue[]): { sql: string; params: SqlValue[] } {
  if (values.length === 0) return { sql: '(NULL)', params: [] }
  return { sql: `(${values.map(() => '?').join(', ')})`, params: [...values] }
}

/** A text field of a JSON column (`data`, `detail`) as SQL: json_extract on SQLite, ->> on PostgreSQL. */
export function jsonText(sql: SqlExecutor, column: string, field: string): string {
  return sql.dialect === 'postgres'
    ? `(${column}::jsonb ->> '${field}')`
    : `json_extract(${column}, '$.${field}')`
}

/** "tickets: 2 anonymised" lines, one per table, for the CLI and the log. */
export function describeCounts(counts: RemovedCounts): string[] {
  return [
    `tickets: ${counts.tickets} anonymised`,
    `tte_requests: ${counts.tte_requests} deleted`,
    `whatsapp_outbox: ${counts.whatsapp_outbox} deleted`,
    `audit_log: ${counts.audit_log} deleted`,
    `identity_limit_events: ${counts.identity_limit_events} deleted`,
    `ticket_events: ${counts.ticket_events} deleted`,
    `csat_surveys: ${counts.csat_surveys} anonymised`,
    `conversation_reviews: ${counts.conversation_reviews} deleted`,
    `unrecognized_messages: ${counts.unrecognized_messages} deleted`,
    `analytics_senders: ${counts.analytics_senders} cleared`,
    `takeovers: ${counts.takeovers} deleted`
  ]
}

/** SET clause that clears a ticket's personal data (used by purge and erase alike). */
export const ANONYMISE_TICKET_SET = `sender_id = '${ANONYMISED_SENDER}', data = '{}', request_key = NULL`
/** Tickets that still hold personal data. */
export const TICKET_HAS_PERSONAL_DATA = `(sender_id <> '${ANONYMISED_SENDER}' OR data <> '{}' OR request_key IS NOT NULL)`

/**
 * SET clause that clears a survey's personal data. The conversation key becomes unique but
 * meaningless ('anonim:<id>'), so the UNIQUE constraint holds and no chat id survives in it.
 */
export const ANONYMISE_SURVEY_SET = `sender_id = '${ANONYMISED_SENDER}', comment = NULL, conversation_key = '${ANONYMISED_SENDER}:' || id`
/** Surveys that still hold personal data. */
export const SURVEY_HAS_PERSONAL_DATA = `(sender_id <> '${ANONYMISED_SENDER}' OR comment IS NOT NULL)`
