import type { SqlDb, SqlParams, SqlValue } from '../store/sql/sql-db'
import { analyticsSenderKey } from '../analytics/sender-key'
import { identitySubject, LIMIT_BUCKET } from '../store/identity-limits-repository'
import { eraseConversationReviews } from './conversation-reviews'
import {
  ANONYMISE_SURVEY_SET,
  ANONYMISE_TICKET_SET,
  emptyCounts,
  hasTable,
  inList,
  jsonText,
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
 *   entries of those tickets (they link a chat to the person), and every WhatsApp message about
 *   that number without a ticket (the owner notice of a TTE status check: found by the NIP/NIK
 *   pseudonym the outbox row carries since migration 10);
 * - by sender id (the Telegram chat id Rasa sees): that chat's tickets are anonymised; its TTE
 *   requests, audit entries and the WhatsApp messages of its tickets are deleted, and so is every
 *   WhatsApp message that chat caused without a ticket (by the outbox row's chat, migration 10).
 * The audit entries that recorded a deleted WhatsApp message (`owner_notified`, `whatsapp_queued`:
 * the masked number it went to, by outbox id) go with it.
 * By sender id also the dashboard's masked misunderstood texts of that chat are deleted and its
 * analytics rows lose their chat key (migration 8).
 * Either way the person's rows in the identity limits (NIP/NIK pseudonym, chat id) go too, and so
 * does the staff console's timeline of those tickets, and the console's reviews of that person's
 * conversations (by the sender, or the senders of the NIP/NIK's tickets). Satisfaction surveys of that chat (by sender
 * id) or of those tickets are anonymised: the rating stays for the statistics, the comment goes.
 */
export async function erasePersonalData(
  sql: SqlDb,
  subject: ErasureSubject
): Promise<RemovedCounts> {
  return sql.transaction(async (tx): Promise<RemovedCounts> => {
    const counts = emptyCounts()
    const column = async (query: string, params: SqlParams): Promise<string[]> =>
      (await tx.all<{ v: string }>(query, params)).map((row) => row.v)
    const ticketNumbers =
      subject.kind === 'sender'
        ? await column('SELECT number AS v FROM tickets WHERE sender_id = ?', [subject.value])
        : await column(
            `SELECT number AS v FROM tickets WHERE ${jsonText(tx, 'data', 'nip')} = @v OR ${jsonText(tx, 'data', 'identitas')} = @v`,
            { v: subject.value }
          )
    const tteTickets =
      subject.kind === 'sender'
        ? await column('SELECT ticket_number AS v FROM tte_requests WHERE sender_id = ?', [
            subject.value
          ])
        : await column('SELECT ticket_number AS v FROM tte_requests WHERE identitas = ?', [
            subject.value
          ])
    const numbers = inList([...new Set([...ticketNumbers, ...tteTickets])])
    const inNumbers = numbers.sql
    const run = async (query: string, params: SqlValue[]): Promise<number> =>
      (await tx.run(query, params)).changes

    // The person's WhatsApp messages: those of their tickets, and those naming the person without
    // a ticket (migration 10: the NIP/NIK pseudonym, or the chat that caused the message).
    const outboxMatch =
      subject.kind === 'sender'
        ? { sql: `ticket_number IN ${inNumbers} OR sender_id = ?`, person: subject.value }
        : {
            sql: `ticket_number IN ${inNumbers} OR subject = ?`,
            person: identitySubject(subject.value)
          }
    const outboxParams = [...numbers.params, outboxMatch.person]
    const outboxIds = inList(
      await column(
        `SELECT CAST(id AS TEXT) AS v FROM whatsapp_outbox WHERE ${outboxMatch.sql}`,
        outboxParams
      )
    )
    counts.whatsapp_outbox = await run(
      `DELETE FROM whatsapp_outbox WHERE ${outboxMatch.sql}`,
      outboxParams
    )
    if (subject.kind === 'sender') {
      counts.audit_log = await run('DELETE FROM audit_log WHERE sender_id = ?', [subject.value])
      counts.tte_requests = await run('DELETE FROM tte_requests WHERE sender_id = ?', [
        subject.value
      ])
    } else {
      counts.tte_requests = await run('DELETE FROM tte_requests WHERE identitas = ?', [
        subject.value
      ])
    }
    counts.audit_log += await run(
      `DELETE FROM audit_log WHERE ${jsonText(tx, 'detail', 'ticket')} IN ${inNumbers}`,
      numbers.params
    )
    // The entries that recorded those messages (the masked number they went to, the outbox id).
    counts.audit_log += await run(
      `DELETE FROM audit_log WHERE event IN ('owner_notified', 'whatsapp_queued') AND CAST(${jsonText(tx, 'detail', 'outbox')} AS TEXT) IN ${outboxIds.sql}`,
      outboxIds.params
    )
    if (await hasTable(tx, 'ticket_events')) {
      counts.ticket_events = await run(
        `DELETE FROM ticket_events WHERE ticket_id IN (SELECT id FROM tickets WHERE number IN ${inNumbers})`,
        numbers.params
      )
    }
    // The person's chats: the sender itself, or the senders of their tickets (before anonymising).
    const senders =
      subject.kind === 'sender'
        ? [subject.value]
        : await column(
            `SELECT DISTINCT sender_id AS v FROM tickets WHERE number IN ${inNumbers}`,
            numbers.params
          )
    counts.conversation_reviews = await eraseConversationReviews(tx, senders)
    if (await hasTable(tx, 'takeovers')) {
      counts.takeovers = await run(
        `DELETE FROM takeovers WHERE ticket_id IN (SELECT id FROM tickets WHERE number IN ${inNumbers})${subject.kind === 'sender' ? ' OR sender_id = ?' : ''}`,
        subject.kind === 'sender' ? [...numbers.params, subject.value] : numbers.params
      )
    }
    counts.tickets = await run(
      `UPDATE tickets SET ${ANONYMISE_TICKET_SET} WHERE number IN ${inNumbers}`,
      numbers.params
    )
    const byTicket = await run(
      `DELETE FROM identity_limit_events WHERE ref IN ${inNumbers}`,
      numbers.params
    )
    const byPerson =
      subject.kind === 'sender'
        ? await run('DELETE FROM identity_limit_events WHERE bucket = ?', [
            LIMIT_BUCKET.lookupBySender(subject.value)
          ])
        : // Every bucket of a NIP/NIK holds ":<pseudonym>" (lookup:subject:…, reset:subject-system:…:<system>);
          // the pseudonym is hex, so it holds no LIKE wildcard.
          await run('DELETE FROM identity_limit_events WHERE bucket LIKE ?', [
            `%:${identitySubject(subject.value)}%`
          ])
    counts.identity_limit_events = byTicket + byPerson
    counts.csat_surveys = await run(
      `UPDATE csat_surveys SET ${ANONYMISE_SURVEY_SET} WHERE ticket_number IN ${inNumbers}` +
        (subject.kind === 'sender' ? ' OR sender_id = ?' : ''),
      subject.kind === 'sender' ? [...numbers.params, subject.value] : numbers.params
    )
    // The dashboard's analytics know a chat only by its key (a hash of the chat id).
    if (subject.kind === 'sender' && (await hasTable(tx, 'unrecognized_messages'))) {
      const key = analyticsSenderKey(subject.value)
      counts.unrecognized_messages = await run(
        'DELETE FROM unrecognized_messages WHERE sender_key = ?',
        [key]
      )
      counts.analytics_senders = await run(
        'UPDATE analytics_sessions SET sender_key = NULL WHERE sender_key = ?',
        [key]
      )
    }
    return counts
  })
}
