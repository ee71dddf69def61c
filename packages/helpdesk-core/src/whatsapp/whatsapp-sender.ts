import type { Logger } from 'pino'
import { withRetry, type RetryPolicy } from '../outbound/retry'
import { WhatsAppApiError, type WhatsAppCloudApi } from './cloud-api'
import { maskPhone } from '../identity'
import type { Clock } from '../time/clock'
import {
  newOutboxOwner,
  processOwnerPrefix,
  type OutboxMessage,
  type OutboxRepository
} from '../store/outbox-repository'
import {
  buildCloudApiBody,
  stripContent,
  type MessageFormat,
  type OutgoingWhatsApp
} from './message'

/**
 * - `sent`: the Cloud API accepted it (acceptance is not delivery);
 * - `queued`: stored; in `outbox` mode it is not sent, in `cloud` mode a later attempt sends it;
 * - `failed`: the Cloud API refused it for good (e.g. 400, bad token);
 * - `uncertain`: the request may have reached WhatsApp but no answer came (timeout, connection
 *   reset): not sent again, so the owner never gets it twice; staff check with the user.
 */
export type DeliveryStatus = 'sent' | 'queued' | 'failed' | 'uncertain'

export interface SendOutcome {
  status: DeliveryStatus
  /** True when the idempotency key was already known: nothing new was stored or sent. */
  duplicate: boolean
  outboxId: number
}

export interface WhatsAppSenderOptions {
  mode: 'outbox' | 'cloud'
  outbox: OutboxRepository
  /** Required in `cloud` mode. */
  api?: WhatsAppCloudApi
  format: MessageFormat
  logger: Logger
  clock: Clock
  /** Retries inside one request (short, so the chat answers within seconds). */
  immediateRetry: RetryPolicy
  /** Background attempts before a message is given up. */
  maxAttempts?: number
  /** Pending messages older than this are not sent any more (stale secrets), default 24 h. */
  maxAgeMs?: number
  /** Background flush interval, default 15 s. */
  flushIntervalMs?: number
  /**
   * Who claims a send (hostname:pid:random, default: new for this sender) and for how long
   * (default 5 min, well above a send with its immediate retries): while the lease runs, another
   * replica starting up leaves the row alone; after it, the send counts as interrupted.
   */
  owner?: string
  leaseMs?: number
  /** The owner prefix of earlier processes that were this one (default hostname:pid:). */
  ownerPrefix?: string
}

/** Default claim lease: longer than any send with its immediate retries and timeouts. */
export const OUTBOX_LEASE_MS = 5 * 60 * 1000

const BACKOFF_STEPS_MS = [30_000, 60_000, 120_000, 300_000, 900_000]

/**
 * Sends WhatsApp messages through the outbox: write first, then send. Transient failures (429,
 * 5xx, connection refused, DNS) are retried with back-off, first briefly inside the request, then
 * in the background; pending messages are sent again after a restart. A failure after which the
 * message may already be at WhatsApp (timeout, reset, a crash mid-send) is never resent: the row
 * becomes `uncertain` and a warning is logged, so one request never produces two messages.
 */
export function createWhatsAppSender(options: WhatsAppSenderOptions) {
  const { outbox, logger, clock } = options
  const maxAttempts = options.maxAttempts ?? 8
  const maxAgeMs = options.maxAgeMs ?? 24 * 60 * 60 * 1000
  const owner = options.owner ?? newOutboxOwner()
  const leaseMs = options.leaseMs ?? OUTBOX_LEASE_MS
  const log = logger.child({ component: 'whatsapp' })
  let timer: NodeJS.Timeout | undefined
  let flushing: Promise<void> | undefined
  /** A background round in progress (interrupted sends, then a flush). */
  let background: Promise<void> | undefined

  const stored = (message: OutboxMessage): Record<string, unknown> =>
    message.containsSecret ? stripContent(message.payload) : message.payload

  async function deliver(message: OutboxMessage, retry: RetryPolicy): Promise<DeliveryStatus> {
    if (options.api === undefined) return 'queued'
    if (!(await outbox.claim(message.id, owner, leaseMs))) return 'queued'
    const api = options.api
    try {
      const { messageId } = await withRetry(
        async () => await api.sendMessage(message.payload),
        retry,
        (err) => err instanceof WhatsAppApiError && err.retryable
      )
      await outbox.markSent(message.id, messageId, stored(message))
      log.info(
        { outboxId: message.id, to: maskPhone(message.recipient), ticket: message.ticketNumber },
        'whatsapp message sent'
      )
      return 'sent'
    } catch (err) {
      const reason = err instanceof WhatsAppApiError ? err.message : 'unexpected error'
      const current = await outbox.get(message.id)
      const retryable = err instanceof WhatsAppApiError && err.retryable
      if (!(err instanceof WhatsAppApiError) || err.ambiguous) {
        await outbox.markUncertain(message.id, reason, stored(current))
        log.warn(
          {
            outboxId: message.id,
            to: maskPhone(message.recipient),
            ticket: message.ticketNumber,
            reason
          },
          'whatsapp message may or may not have been delivered; not resent automatically, staff should check with the recipient'
        )
        return 'uncertain'
      }
      if (!retryable || current.attempts >= maxAttempts) {
        await outbox.markFailed(message.id, reason, stored(current))
        log.error(
          { outboxId: message.id, to: maskPhone(message.recipient), reason },
          'whatsapp message failed'
        )
        return 'failed'
      }
      const delay =
        BACKOFF_STEPS_MS[Math.min(current.attempts - 1, BACKOFF_STEPS_MS.length - 1)] ?? 900_000
      if (
        !(await outbox.markRetry(
          message.id,
          owner,
          reason,
          new Date(clock.now().getTime() + delay)
        ))
      ) {
        log.warn(
          { outboxId: message.id, to: maskPhone(message.recipient), reason },
          'whatsapp message was taken for an interrupted send meanwhile; not retried'
        )
        return (await outbox.get(message.id)).status === 'sent' ? 'sent' : 'uncertain'
      }
      log.warn(
        { outboxId: message.id, to: maskPhone(message.recipient), reason, retryInMs: delay },
        'whatsapp message will be retried'
      )
      return 'queued'
    }
  }

  async function expireStale(): Promise<void> {
    const now = clock.now().getTime()
    for (const message of await outbox.due(100)) {
      if (now - Date.parse(message.createdAt) > maxAgeMs) {
        await outbox.markFailed(message.id, 'expired before delivery', stored(message))
        log.warn(
          { outboxId: message.id, to: maskPhone(message.recipient) },
          'whatsapp message expired before delivery'
        )
      }
    }
  }

  async function flushOnce(): Promise<void> {
    if (options.mode !== 'cloud') return
    await expireStale()
    for (const message of await outbox.due(20)) {
      // One attempt per message per round; when the API is struggling, stop and wait for the next round.
      if ((await deliver(message, { ...options.immediateRetry, retries: 0 })) === 'queued') break
    }
  }

  return {
    /** `outbox`: stored only; `cloud`: sent through the Cloud API. */
    mode: options.mode,

    /** Stores the message (idempotent), then sends it now in `cloud` mode. */
    async send(message: OutgoingWhatsApp): Promise<SendOutcome> {
      const payload = buildCloudApiBody(message, options.format)
      // Outbox mode sends nothing: a secret (temporary password, reset link) would sit there unsent
      // for ever, so only its envelope is kept and the message counts as failed (staff take over).
      const neverSent = options.mode === 'outbox' && message.containsSecret
      const { message: row, created } = await outbox.enqueue({
        idempotencyKey: message.idempotencyKey,
        recipient: message.to,
        payload: neverSent ? stripContent(payload) : payload,
        containsSecret: message.containsSecret,
        ...(message.ticketNumber === undefined ? {} : { ticketNumber: message.ticketNumber }),
        ...(message.subject === undefined ? {} : { subject: message.subject }),
        ...(message.senderId === undefined ? {} : { senderId: message.senderId })
      })
      if (!created) {
        const status: DeliveryStatus =
          row.status === 'sent' || row.status === 'failed' || row.status === 'uncertain'
            ? row.status
            : 'queued'
        log.info(
          { outboxId: row.id, status },
          'whatsapp message already in the outbox; not sent again'
        )
        return { status, duplicate: true, outboxId: row.id }
      }
      if (neverSent) {
        await outbox.markFailed(
          row.id,
          'secret not stored: WHATSAPP_MODE=outbox sends nothing',
          row.payload
        )
        log.warn(
          { outboxId: row.id, to: maskPhone(message.to), ticket: message.ticketNumber },
          'whatsapp message with a secret not stored (WHATSAPP_MODE=outbox sends nothing); staff must handle the ticket'
        )
        return { status: 'failed', duplicate: false, outboxId: row.id }
      }
      if (options.mode === 'outbox') {
        log.info(
          {
            outboxId: row.id,
            to: maskPhone(message.to),
            ticket: message.ticketNumber,
            type: payload.type
          },
          'whatsapp message stored in the outbox (WHATSAPP_MODE=outbox, not sent)'
        )
        return { status: 'queued', duplicate: false, outboxId: row.id }
      }
      return {
        status: await deliver(row, options.immediateRetry),
        duplicate: false,
        outboxId: row.id
      }
    },

    /** Sends every due pending message once (also what the background timer runs). */
    async flush(): Promise<void> {
      if (flushing !== undefined) return await flushing
      flushing = flushOnce().finally(() => {
        flushing = undefined
      })
      await flushing
    },

    /**
     * Marks messages caught mid-send by a crash `uncertain` (they may have reached WhatsApp): sends
     * whose claim lease has expired, or that an earlier process of this host and pid left; never
     * another live replica's send in progress. Then starts sending pending ones in the background
     * (the start is not held up by a slow Cloud API), and keeps retrying on a timer, which also
     * catches sends of replicas that died meanwhile once their lease expires.
     */
    async start(): Promise<void> {
      await this.recoverInterrupted()
      if (options.mode !== 'cloud') return
      const flushInBackground = (): void => {
        if (background !== undefined) return
        background = this.recoverInterrupted()
          .then(async () => this.flush())
          .catch((err: unknown) => log.error({ err }, 'whatsapp flush failed'))
          .finally(() => {
            background = undefined
          })
      }
      flushInBackground()
      timer = setInterval(flushInBackground, options.flushIntervalMs ?? 15_000)
      timer.unref()
    },

    /** Marks interrupted sends (see start) `uncertain`; returns how many. */
    async recoverInterrupted(): Promise<number> {
      let marked = 0
      for (const message of await outbox.interrupted(
        options.ownerPrefix ?? processOwnerPrefix(),
        owner
      )) {
        // Only while still `sending` under the same claim: a replica finishing meanwhile wins.
        const done = await outbox.markInterrupted(
          message,
          'interrupted by a restart during the send',
          stored(message)
        )
        if (!done) continue
        marked++
        log.warn(
          { outboxId: message.id, to: maskPhone(message.recipient), ticket: message.ticketNumber },
          'whatsapp message interrupted by a restart mid-send; not resent automatically, staff should check with the recipient'
        )
      }
      return marked
    },

    /** Stops the timer and waits for a flush in progress. */
    async stop(): Promise<void> {
      if (timer !== undefined) clearInterval(timer)
      timer = undefined
      if (background !== undefined) await background
      if (flushing !== undefined) await flushing
    }
  }
}

export type WhatsAppSender = ReturnType<typeof createWhatsAppSender>
