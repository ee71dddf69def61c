import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { Clock } from '../time/clock'
import type { SqlDb } from './sql/sql-db'

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
  /**
   * Pseudonym of the NIP/NIK the message is about (identitySubject: a hash, never the number),
   * so a data-subject erasure by that number finds it even without a ticket (migration 10).
   */
  subject: string | null
  /** The chat whose request caused the message, for an erasure by sender (migration 10). */
  senderId: string | null
  containsSecret: boolean
  status: OutboxStatus
  attempts: number
  lastError: string | null
  providerMessageId: string | null
  nextAttemptAt: string
  createdAt: string
  /** The process sending it (hostname:pid:random) while `sending`; see claim. */
  claimedBy: string | null
  /** Until when that process may still be sending it (ISO time). */
  leaseExpiresAt: string | null
}

interface Row {
  id: number
  idempotency_key: string
  recipient: string
  payload: string
  ticket_number: string | null
  subject: string | null
  sender_id: string | null
  contains_secret: number
  status: OutboxStatus
  attempts: number
  last_error: string | null
  provider_message_id: string | null
  next_attempt_at: string
  created_at: string
  claimed_by: string | null
  lease_expires_at: string | null
}

const toMessage = (row: Row): OutboxMessage => ({
  id: row.id,
  idempotencyKey: row.idempotency_key,
  recipient: row.recipient,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  ticketNumber: row.ticket_number,
  subject: row.subject,
  senderId: row.sender_id,
  containsSecret: row.contains_secret === 1,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  providerMessageId: row.provider_message_id,
  nextAttemptAt: row.next_attempt_at,
  createdAt: row.created_at,
  claimedBy: row.claimed_by,
  leaseExpiresAt: row.lease_expires_at
})

/** The owner prefix of this process: an owner with it but another suffix was an earlier process here. */
export const processOwnerPrefix = (): string => `${hostname()}:${process.pid}:`

/** A claim owner for this process: hostname:pid:random (unique even when a pid is reused). */
export const newOutboxOwner = (): string =>
  `${processOwnerPrefix()}${randomBytes(4).toString('hex')}`

/**
 * The WhatsApp outbox: every message is written here before any send. The idempotency key is
 * unique, so enqueuing the same request twice returns the first row instead of a second message.
 * Each row names, where known, its ticket, the NIP/NIK pseudonym and the chat it concerns, which
 * is how a data-subject erasure finds it (privacy/erase.ts).
 * A send is claimed with an owner and a lease (migration 9), so several action servers share one
 * outbox and a starting one can tell a crashed send from another replica's send in progress.
 */
export function createOutboxRepository(sql: SqlDb, clock: Clock) {
  const now = (): string => clock.now().toISOString()
  const get = async (id: number): Promise<OutboxMessage> => {
    const row = await sql.get<Row>('SELECT * FROM whatsapp_outbox WHERE id = ?', [id])
    if (row === undefined) throw new Error(`outbox message ${id} does not exist`)
    return toMessage(row)
  }

  return {
    /** Stores a message; returns `created: false` with the existing row when the key is known. */
    async enqueue(message: {
      idempotencyKey: string
      recipient: string
      payload: Record<string, unknown>
      containsSecret: boolean
      ticketNumber?: string
      /** Pseudonym of the NIP/NIK (identitySubject), never the number itself. */
      subject?: string
      senderId?: string
    }): Promise<{ message: OutboxMessage; created: boolean }> {
      const result = await sql.run(
        `INSERT INTO whatsapp_outbox
         (idempotency_key, recipient, payload, contains_secret, ticket_number, subject, sender_id, next_attempt_at, created_at, updated_at)
         VALUES (@key, @recipient, @payload, @secret, @ticket, @subject, @sender, @now, @now, @now)
         ON CONFLICT (idempotency_key) DO NOTHING`,
        {
          key: message.idempotencyKey,
          recipient: message.recipient,
          payload: JSON.stringify(message.payload),
          secret: message.containsSecret ? 1 : 0,
          ticket: message.ticketNumber ?? null,
          subject: message.subject ?? null,
          sender: message.senderId ?? null,
          now: now()
        }
      )
      const row = await sql.get<Row>('SELECT * FROM whatsapp_outbox WHERE idempotency_key = ?', [
        message.idempotencyKey
      ])
      if (row === undefined) throw new Error('outbox message vanished right after its insert')
      return { message: toMessage(row), created: result.changes === 1 }
    },
    /** Pending messages whose next attempt is due. */
    due: async (limit = 20): Promise<OutboxMessage[]> =>
      (
        await sql.all<Row>(
          "SELECT * FROM whatsapp_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
          [now(), limit]
        )
      ).map(toMessage),
    /**
     * Marks a pending message as being sent by `owner` until `leaseMs` from now; false when
     * another sender got it first (one atomic UPDATE: two replicas never both claim it).
     */
    claim: async (id: number, owner: string, leaseMs: number): Promise<boolean> => {
      const at = clock.now()
      const result = await sql.run(
        `UPDATE whatsapp_outbox SET status = 'sending', attempts = attempts + 1, claimed_by = ?,
         lease_expires_at = ?, updated_at = ? WHERE id = ? AND status = 'pending'`,
        [owner, new Date(at.getTime() + leaseMs).toISOString(), at.toISOString(), id]
      )
      return result.changes === 1
    },
    /** `storedPayload`: what remains in the database (content stripped when it held a secret). */
    markSent: async (
      id: number,
      providerMessageId: string,
      storedPayload: Record<string, unknown>
    ): Promise<OutboxMessage> => {
      await sql.run(
        `UPDATE whatsapp_outbox SET status = 'sent', provider_message_id = ?, last_error = NULL,
         payload = ?, claimed_by = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?`,
        [providerMessageId, JSON.stringify(storedPayload), now(), id]
      )
      return get(id)
    },
    /**
     * Back to `pending` for a later attempt, only while `owner` still holds the claim: a send
     * whose claim was taken from it (its lease expired and a starting process marked it
     * `uncertain`) must not come back, since its stored copy may have lost its text. False then.
     */
    markRetry: async (
      id: number,
      owner: string,
      error: string,
      nextAttemptAt: Date
    ): Promise<boolean> => {
      const result = await sql.run(
        `UPDATE whatsapp_outbox SET status = 'pending', last_error = ?, next_attempt_at = ?,
         claimed_by = NULL, lease_expires_at = NULL, updated_at = ?
         WHERE id = ? AND status = 'sending' AND claimed_by = ?`,
        [error, nextAttemptAt.toISOString(), now(), id, owner]
      )
      return result.changes === 1
    },
    markFailed: async (
      id: number,
      error: string,
      storedPayload: Record<string, unknown>
    ): Promise<OutboxMessage> => {
      await sql.run(
        `UPDATE whatsapp_outbox SET status = 'failed', last_error = ?, payload = ?,
         claimed_by = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?`,
        [error, JSON.stringify(storedPayload), now(), id]
      )
      return get(id)
    },
    /** The send may have reached WhatsApp: never sent again automatically. */
    markUncertain: async (
      id: number,
      error: string,
      storedPayload: Record<string, unknown>
    ): Promise<OutboxMessage> => {
      await sql.run(
        `UPDATE whatsapp_outbox SET status = 'uncertain', last_error = ?, payload = ?,
         claimed_by = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?`,
        [error, JSON.stringify(storedPayload), now(), id]
      )
      return get(id)
    },
    /**
     * Messages caught mid-send by a crash (the send may have reached WhatsApp), as a starting
     * process sees them: `sending` rows whose lease has expired (or that were claimed before
     * migration 9, without one), or that an earlier process with this host and pid left (that
     * process is gone: this one has its pid now). Another replica's send in progress is not one,
     * and neither is a send of `liveOwner` (the asking sender's own, still in progress: the
     * background round runs while a chat turn's send is retrying).
     */
    interrupted: async (
      ownerPrefix: string = processOwnerPrefix(),
      liveOwner = ''
    ): Promise<OutboxMessage[]> =>
      (
        await sql.all<Row>(
          `SELECT * FROM whatsapp_outbox WHERE status = 'sending'
           AND (lease_expires_at IS NULL OR lease_expires_at <= ?
                OR (substr(claimed_by, 1, length(?)) = ? AND claimed_by <> ?))
           ORDER BY id`,
          [now(), ownerPrefix, ownerPrefix, liveOwner]
        )
      ).map(toMessage),
    /**
     * Marks an interrupted send `uncertain`, only while it is still `sending` under the same claim
     * (a replica finishing the send meanwhile wins); false when it was not.
     */
    markInterrupted: async (
      message: OutboxMessage,
      error: string,
      storedPayload: Record<string, unknown>
    ): Promise<boolean> => {
      const result = await sql.run(
        `UPDATE whatsapp_outbox SET status = 'uncertain', last_error = ?, payload = ?,
         claimed_by = NULL, lease_expires_at = NULL, updated_at = ?
         WHERE id = ? AND status = 'sending' AND attempts = ?`,
        [error, JSON.stringify(storedPayload), now(), message.id, message.attempts]
      )
      return result.changes === 1
    },
    get,
    list: async (): Promise<OutboxMessage[]> =>
      (await sql.all<Row>('SELECT * FROM whatsapp_outbox ORDER BY id')).map(toMessage)
  }
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>
