import type { Db } from '../store/database'
import { analyticsSenderKey } from '../analytics/sender-key'
import { identitySubject, LIMIT_BUCKET } from '../store/identity-limits-repository'
import { eraseConversationReviews } from './conversation-reviews'
import {
  ANONYMISE_SURVEY_SET,
  ANONYMISE_TICKET_SET,
  emptyCounts,
  hasTable,
  type RemovedCounts
} from './personal-data'

/** Whose data a data-subject request is about. */
export type ErasureSubject =
  | { kind: 'nip'; value: string }
  | { kind: 'nik'; value: string }
  | { kind: 'sender'; value: string }

/**
 * Erases one person's data (data-subject request), in one transaction:
 * - by NIP/NIK: tickets whose collected data holds that number (`nip` or `identitas`) are
 *   anonymised; TTE requests made with it are deleted; so are the WhatsApp messages and audit
 *   entries of those tickets (they link a chat to the person);
 * - by sender id (the Telegram chat id Rasa sees): that chat's tickets are anonymised; its TTE
 *   requests, audit entries and the WhatsApp messages of its tickets are deleted (every message
 *   the bot queues carries its ticket number).
 * By sender id also the dashboard's masked misunderstood texts of that chat are deleted and its
 * analytics rows lose their chat key (migration 8).
 * Either way the person's rows in the identity limits (NIP/NIK pseudonym, chat id) go too, and so
 * does the staff console's timeline of those tickets, and the console's reviews of that person's
 * conversations (by the sender, or the senders of the NIP/NIK's tickets). Satisfaction surveys of that chat (by sender
 * id) or of those tickets are anonymised: the rating stays for the statistics, the comment goes.
 */
export function erasePersonalData(db: Db, subject: ErasureSubject): RemovedCounts {
  return db
    .transaction((): RemovedCounts => {
      const counts = emptyCounts()
      const ticketNumbers =
        subject.kind === 'sender'
          ? column(db, 'SELECT number FROM tickets WHERE sender_id = ?', subject.value)
          : column(
              db,
              "SELECT number FROM tickets WHERE json_extract(data, '$.nip') = @v OR json_extract(data, '$.identitas') = @v",
              { v: subject.value }
            )
      const tteTickets =
        subject.kind === 'sender'
          ? column(db, 'SELECT ticket_number FROM tte_requests WHERE sender_id = ?', subject.value)
          : column(db, 'SELECT ticket_number FROM tte_requests WHERE identitas = ?', subject.value)
      const numbers = [...new Set([...ticketNumbers, ...tteTickets])]

      const inNumbers = `(SELECT value FROM json_each(?))`
      const numbersJson = JSON.stringify(numbers)
      counts.whatsapp_outbox = db
        .prepare(`DELETE FROM whatsapp_outbox WHERE ticket_number IN ${inNumbers}`)
        .run(numbersJson).changes
      if (subject.kind === 'sender') {
        counts.audit_log = db
          .prepare('DELETE FROM audit_log WHERE sender_id = ?')
          .run(subject.value).changes
        counts.tte_requests = db
          .prepare('DELETE FROM tte_requests WHERE sender_id = ?')
          .run(subject.value).changes
      } else {
        counts.tte_requests = db
          .prepare('DELETE FROM tte_requests WHERE identitas = ?')
          .run(subject.value).changes
      }
      counts.audit_log += db
        .prepare(`DELETE FROM audit_log WHERE json_extract(detail, '$.ticket') IN ${inNumbers}`)
        .run(numbersJson).changes
      if (hasTable(db, 'ticket_events')) {
        counts.ticket_events = db
          .prepare(
            `DELETE FROM ticket_events WHERE ticket_id IN (SELECT id FROM tickets WHERE number IN ${inNumbers})`
          )
          .run(numbersJson).changes
      }
      // The person's chats: the sender itself, or the senders of their tickets (before anonymising).
      const senders =
        subject.kind === 'sender'
          ? [subject.value]
          : column(
              db,
              `SELECT DISTINCT sender_id FROM tickets WHERE number IN ${inNumbers}`,
              numbersJson
            )
      counts.conversation_reviews = eraseConversationReviews(db, JSON.stringify(senders))
      if (hasTable(db, 'takeovers')) {
        counts.takeovers = db
          .prepare(
            `DELETE FROM takeovers WHERE ticket_id IN (SELECT id FROM tickets WHERE number IN ${inNumbers})${subject.kind === 'sender' ? ' OR sender_id = ?' : ''}`
          )
          .run(
            ...(subject.kind === 'sender' ? [numbersJson, subject.value] : [numbersJson])
          ).changes
      }
      counts.tickets = db
        .prepare(`UPDATE tickets SET ${ANONYMISE_TICKET_SET} WHERE number IN ${inNumbers}`)
        .run(numbersJson).changes
      const byTicket = db
        .prepare(`DELETE FROM identity_limit_events WHERE ref IN ${inNumbers}`)
        .run(numbersJson).changes
      const byPerson =
        subject.kind === 'sender'
          ? db
              .prepare('DELETE FROM identity_limit_events WHERE bucket = ?')
              .run(LIMIT_BUCKET.lookupBySender(subject.value)).changes
          : // Every bucket of a NIP/NIK holds ":<pseudonym>" (lookup:subject:…, reset:subject-system:…:<system>).
            db
              .prepare('DELETE FROM identity_limit_events WHERE instr(bucket, ?) > 0')
              .run(`:${identitySubject(subject.value)}`).changes
      counts.identity_limit_events = byTicket + byPerson
      counts.csat_surveys = db
        .prepare(
          `UPDATE csat_surveys SET ${ANONYMISE_SURVEY_SET} WHERE ticket_number IN ${inNumbers}` +
            (subject.kind === 'sender' ? ' OR sender_id = ?' : '')
        )
        .run(...(subject.kind === 'sender' ? [numbersJson, subject.value] : [numbersJson])).changes
      // The dashboard's analytics know a chat only by its key (a hash of the chat id).
      if (subject.kind === 'sender' && hasTable(db, 'unrecognized_messages')) {
        const key = analyticsSenderKey(subject.value)
        counts.unrecognized_messages = db
          .prepare('DELETE FROM unrecognized_messages WHERE sender_key = ?')
          .run(key).changes
        counts.analytics_senders = db
          .prepare('UPDATE analytics_sessions SET sender_key = NULL WHERE sender_key = ?')
          .run(key).changes
      }
      return counts
    })
    .immediate()
}

function column(db: Db, sql: string, value: string | Record<string, string>): string[] {
  return db.prepare(sql).pluck().all(value) as string[]
}
