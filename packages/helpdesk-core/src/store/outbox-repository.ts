import type { Clock } from '../time/clock'
import type { Db } from './database'

/**
 * `uncertain`: the send may or may not have reached WhatsApp (timeout after sending, connection
 * reset, or a restart while sending); never sent again automatically, staff check with the user.
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'uncertain'

export interface OutboxMessage {
  id: number
  idempotencyKey: string
  /** International digits of the number on file. */
  recipient: string
  /** The Cloud API request body (JSON), without secrets once sent. */
  payload: Record<string, unknown>
  ticketNumber: string | null
  containsSecret: boolean
  status: OutboxStatus
  attempts: number
  lastError: string | null
  providerMessageId: string | null
  nextAttemptAt: string
  createdAt: string
}

interface Row {
  id: number
  idempotency_key: string
  recipient: string
  payload: string
  ticket_number: string | null
  contains_secret: number
  status: OutboxStatus
  attempts: number
  last_error: string | null
  provider_message_id: string | null
  next_attempt_at: string
  created_at: string
}

const toMessage = (row: Row): OutboxMessage => ({
  id: row.id,
  idempotencyKey: row.idempotency_key,
  recipient: row.recipient,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  ticketNumber: row.ticket_number,
  containsSecret: row.contains_secret === 1,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  providerMessageId: row.provider_message_id,
  nextAttemptAt: row.next_attempt_at,
  createdAt: row.created_at
})

/**
 * The WhatsApp outbox: every message is written here before any send. The idempotency key is
 * unique, so enqueuing the same request twice returns the first row instead of a second message.
 */
export function createOutboxRepository(db: Db, clock: Clock) {
  const insert = db.prepare(`INSERT OR IGNORE INTO whatsapp_outbox
    (idempotency_key, recipient, payload, contains_secret, ticket_number, next_attempt_at, created_at, updated_at)
    VALUES (@key, @recipient, @payload, @secret, @ticket, @now, @now, @now)`)
  const byKey = db.prepare('SELECT * FROM whatsapp_outbox WHERE idempotency_key = ?')
  const byId = db.prepare('SELECT * FROM whatsapp_outbox WHERE id = ?')
  const due = db.prepare(
    "SELECT * FROM whatsapp_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?"
  )
  const claim = db.prepare(
    "UPDATE whatsapp_outbox SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'pending'"
  )
  const sent = db.prepare(
    "UPDATE whatsapp_outbox SET status = 'sent', provider_message_id = ?, last_error = NULL, payload = ?, updated_at = ? WHERE id = ?"
  )
  const retry = db.prepare(
    "UPDATE whatsapp_outbox SET status = 'pending', last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?"
  )
  const failed = db.prepare(
    "UPDATE whatsapp_outbox SET status = 'failed', last_error = ?, payload = ?, updated_at = ? WHERE id = ?"
  )
  const uncertain = db.prepare(
    "UPDATE whatsapp_outbox SET status = 'uncertain', last_error = ?, payload = ?, updated_at = ? WHERE id = ?"
  )
  const interrupted = db.prepare(
    "SELECT * FROM whatsapp_outbox WHERE status = 'sending' ORDER BY id"
  )
  const all = db.prepare('SELECT * FROM whatsapp_outbox ORDER BY id')
  const now = (): string => clock.now().toISOString()
  const get = (id: number): OutboxMessage => toMessage(byId.get(id) as Row)

  return {
    /** Stores a message; returns `created: false` with the existing row when the key is known. */
    enqueue(message: {
      idempotencyKey: string
      recipient: string
      payload: Record<string, unknown>
      containsSecret: boolean
      ticketNumber?: string
    }): { message: OutboxMessage; created: boolean } {
      const result = insert.run({
        key: message.idempotencyKey,
        recipient: message.recipient,
        payload: JSON.stringify(message.payload),
        secret: message.containsSecret ? 1 : 0,
        ticket: message.ticketNumber ?? null,
        now: now()
      })
      return {
        message: toMessage(byKey.get(message.idempotencyKey) as Row),
        created: result.changes === 1
      }
    },
    /** Pending messages whose next attempt is due. */
    due: (limit = 20): OutboxMessage[] => (due.all(now(), limit) as Row[]).map(toMessage),
    /** Marks a pending message as being sent; false when another sender got it first. */
    claim: (id: number): boolean => claim.run(now(), id).changes === 1,
    /** `storedPayload`: what remains in the database (content stripped when it held a secret). */
    markSent: (
      id: number,
      providerMessageId: string,
      storedPayload: Record<string, unknown>
    ): OutboxMessage => {
      sent.run(providerMessageId, JSON.stringify(storedPayload), now(), id)
      return get(id)
    },
    markRetry: (id: number, error: string, nextAttemptAt: Date): OutboxMessage => {
      retry.run(error, nextAttemptAt.toISOString(), now(), id)
      return get(id)
    },
    markFailed: (
      id: number,
      error: string,
      storedPayload: Record<string, unknown>
    ): OutboxMessage => {
      failed.run(error, JSON.stringify(storedPayload), now(), id)
      return get(id)
    },
    /** The send may have reached WhatsApp: never sent again automatically. */
    markUncertain: (
      id: number,
      error: string,
      storedPayload: Record<string, unknown>
    ): OutboxMessage => {
      uncertain.run(error, JSON.stringify(storedPayload), now(), id)
      return get(id)
    },
    /** Messages caught mid-send by a crash (the send may have reached WhatsApp). */
    interrupted: (): OutboxMessage[] => (interrupted.all() as Row[]).map(toMessage),
    get,
    list: (): OutboxMessage[] => (all.all() as Row[]).map(toMessage)
  }
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>
